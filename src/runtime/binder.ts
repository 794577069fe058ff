/**
 * The one argument binder. A protocol decodes its request into which function and the raw
 * arguments by source (a JSON object or list, text parameters, XML elements, path segments,
 * headers); the binder puts them in place the same way for every protocol: positional and
 * named, too many, unknown, given twice, converted by the schema codecs of `schema/`; then
 * `complete` fills defaults and reports what is missing. Decoders are compiled once per
 * argument and codec, on first use.
 */
import { type FieldError, SwitchboardError, sbError } from '../errors/index.ts';
import { MAX_FIELD_ERRORS } from '../schema/fielderrors.ts';
import { type JsonDecoder, jsonDecoder } from '../schema/json.ts';
import { type TextDecoder, type TextTree, textDecoder } from '../schema/text.ts';
import { type XmlDecoder, xmlDecoder } from '../schema/xml.ts';
import type { XmlElement } from '../schema/xmltext.ts';
import type { ArgSpec } from './compile.ts';
import { type StandardCheck, compileStandardCheck } from './standard-check.ts';

/** How raw values are written: JSON values, text notation (strings and trees), XML elements. */
export type Codec = 'json' | 'text' | 'xml';

type Decoders = { json: JsonDecoder; text: TextDecoder; xml: XmlDecoder };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export class Binder {
  private readonly byName: ReadonlyMap<string, number>;
  private readonly json: (Decoders[Codec] | undefined)[];
  private readonly text: (Decoders[Codec] | undefined)[];
  private readonly xml: (Decoders[Codec] | undefined)[];
  /** The Standard Schema libraries' own checks of the arguments declared with one. */
  private readonly standard: StandardCheck | undefined;

  constructor(
    /** The function's dotted name, for errors. */
    readonly fn: string,
    readonly args: readonly ArgSpec[],
  ) {
    this.byName = new Map(args.map((a, i) => [a.name, i]));
    this.json = new Array(args.length);
    this.text = new Array(args.length);
    this.xml = new Array(args.length);
    this.standard = compileStandardCheck(args);
  }

  /** The position of an argument, or -1. A few are scanned: cheaper than hashing a fresh string. */
  indexOf(name: string): number {
    const args = this.args;
    if (args.length > 8) return this.byName.get(name) ?? -1;
    for (let i = 0; i < args.length; i++) if (args[i]!.name === name) return i;
    return -1;
  }

  /** The compiled decoder of argument `i` for a codec. */
  decoder<C extends Codec>(codec: C, i: number): Decoders[C] {
    const s = this.args[i]!.schema;
    const cache = codec === 'json' ? this.json : codec === 'text' ? this.text : this.xml;
    let d = cache[i];
    if (d === undefined) {
      d = codec === 'json' ? jsonDecoder(s) : codec === 'text' ? textDecoder(s) : xmlDecoder(s);
      cache[i] = d;
    }
    return d as Decoders[C];
  }

  /** Converts and places one named value; an unknown name or one given twice is refused. */
  put(into: Record<string, unknown>, name: string, value: unknown, codec: Codec): void {
    const i = this.indexOf(name);
    if (i === -1) throw sbError('SB_UNKNOWN_ARGUMENT', { name });
    this.putAt(into, i, value, codec);
  }

  /** Converts and places the value of argument `i`. */
  putAt(into: Record<string, unknown>, i: number, value: unknown, codec: Codec): void {
    const name = this.args[i]!.name;
    if (into[name] !== undefined) throw sbError('SB_DUPLICATE_ARGUMENT', { name });
    into[name] = (this.decoder(codec, i) as (v: unknown, path: string) => unknown)(value as TextTree & XmlElement, name);
  }

  /** Places a value already converted (by a text reader); refuses one given twice. */
  place(into: Record<string, unknown>, name: string, value: unknown): void {
    if (into[name] !== undefined) throw sbError('SB_DUPLICATE_ARGUMENT', { name });
    into[name] = value;
  }

  /** Arguments named by an object's members (absent, i.e. `undefined`, members are left out). */
  named(into: Record<string, unknown>, values: unknown, codec: Codec): Record<string, unknown> {
    if (!isObject(values)) throw sbError('SB_ARGUMENTS_NOT_OBJECT', { function: this.fn });
    let bad: Failures | undefined;
    for (const key in values) {
      if (!Object.hasOwn(values, key)) continue;
      const v = values[key];
      try {
        const i = this.indexOf(key);
        if (i === -1) throw sbError('SB_UNKNOWN_ARGUMENT', { name: key });
        if (v !== undefined) this.putAt(into, i, v, codec);
      } catch (e) {
        bad = failed(bad, e, key);
      }
    }
    if (bad) throw bad.error();
    return into;
  }

  /**
   * Arguments in declaration order. `nullLeavesOut`: a `null` for an argument that cannot hold
   * null leaves it out, so its default applies (Ext Direct's positional calls).
   */
  positional(into: Record<string, unknown>, values: unknown, codec: Codec, nullLeavesOut = false): Record<string, unknown> {
    if (!Array.isArray(values)) throw sbError('SB_ARGUMENTS_NOT_LIST', { function: this.fn });
    const count = this.args.length;
    if (values.length > count) throw sbError('SB_TOO_MANY_ARGUMENTS', { function: this.fn, accepted: count, given: values.length });
    let bad: Failures | undefined;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v === undefined || (v === null && nullLeavesOut && !this.args[i]!.takesNull)) continue;
      try {
        this.putAt(into, i, v, codec);
      } catch (e) {
        bad = failed(bad, e, this.args[i]!.name);
      }
    }
    if (bad) throw bad.error();
    return into;
  }

  /** Arguments as the child elements of an XML element (SOAP's wrapper, REST+XML's `<parameters>`). */
  elements(into: Record<string, unknown>, parent: XmlElement): Record<string, unknown> {
    let bad: Failures | undefined;
    for (const c of parent.children) {
      try {
        this.put(into, c.local, c, 'xml');
      } catch (e) {
        bad = failed(bad, e, c.local);
      }
    }
    if (bad) throw bad.error();
    return into;
  }

  /**
   * Fills defaults and reports the first missing argument (WSME's `Missing argument`), then
   * runs the Standard Schema checks; an async one is left for `call` (`pendingCheck`).
   */
  complete(args: Record<string, unknown>): Record<string, unknown> {
    const list = this.args;
    for (let i = 0; i < list.length; i++) {
      const a = list[i]!;
      if (args[a.name] === undefined) {
        if (a.hasDefault) args[a.name] = typeof a.default === 'object' && a.default !== null ? structuredClone(a.default) : a.default;
        else if (a.required) throw sbError('SB_MISSING_ARGUMENT', { name: a.name });
      }
    }
    if (this.standard) {
      const p = this.standard(args);
      if (p) {
        // `call` takes and handles it; a protocol that reads arguments but never calls must not leave it unhandled.
        p.catch(() => {});
        pending.set(args, p);
      }
    }
    return args;
  }
}

const pending = new WeakMap<object, Promise<void>>();

/** The async Standard Schema check `complete` started on these arguments, taken once. */
export function pendingCheck(args: Record<string, unknown>): Promise<void> | undefined {
  const p = pending.get(args);
  if (p) pending.delete(args);
  return p;
}

/** Codes of a bad value: after one, the other arguments are still read, for their field errors. */
const VALUE_ERRORS = new Set(['SB_INVALID_INPUT', 'SB_MISSING_ATTRIBUTE', 'SB_UNKNOWN_ATTRIBUTE', 'SB_UNKNOWN_ATTRIBUTES']);

/**
 * A bad value among several arguments: the first error is thrown, as it was, once the others
 * are read, listing the field errors of every argument (at most `MAX_FIELD_ERRORS`).
 */
class Failures {
  private readonly fields: FieldError[] = [];

  constructor(private readonly first: SwitchboardError) {
    this.add(first, '');
  }

  add(e: SwitchboardError, name: string): void {
    for (const f of e.fields ?? [{ path: typeof e.params.name === 'string' ? e.params.name : name, message: e.message }]) {
      if (this.fields.length < MAX_FIELD_ERRORS) this.fields.push(f);
    }
  }

  error(): SwitchboardError {
    this.first.fields = Object.freeze(this.fields);
    return this.first;
  }
}

/**
 * Records a binding error. Before any bad value, an error that is not one (unknown, given twice,
 * a server fault) is thrown at once, as always; after one, every client error is listed.
 */
function failed(bad: Failures | undefined, e: unknown, name: string): Failures {
  if (!(e instanceof SwitchboardError) || !e.isClient) throw e;
  if (bad === undefined) {
    if (!VALUE_ERRORS.has(e.code)) throw e;
    return new Failures(e);
  }
  bad.add(e, name);
  return bad;
}
