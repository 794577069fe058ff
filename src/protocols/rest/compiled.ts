/**
 * A function's REST parts, compiled once at bind time from its binding: the text readers of
 * the query and of form bodies (each carrying only the arguments its source may), header and
 * path arguments, the whole-body argument, the body members it reads, and per codec the body
 * parser and the result encoder (made on first use).
 */
import type { Source } from '../../runtime/binding.ts';
import type { Api, FunctionEntry } from '../../runtime/compile.ts';
import { TextArgs } from '../../runtime/textargs.ts';
import { googleWire, ignoredQueryKeys } from '../endpoints-wire.ts';
import type { RestFormat } from './format.ts';
import type { ShapingKeys } from './partial.ts';

interface PerFormat {
  readonly parse: (text: string) => unknown;
  readonly encode: (value: unknown) => string;
  /** One item of a list result, when the codec can write lists in chunks. */
  readonly item: ((value: unknown) => string) | undefined;
}

export class RestFunction {
  readonly query: TextArgs;
  readonly form: TextArgs;
  /** Header arguments: lower-case header name and argument position. */
  readonly headers: readonly { readonly key: string; readonly index: number }[];
  /** Position of the whole-body argument, or -1. */
  readonly bodyIndex: number;
  /** Body members by wire key → argument position; undefined when every argument may be one (WSME's rule). */
  readonly members: ReadonlyMap<string, number> | undefined;
  /** On Google's wire, which of `fields` and `prettyPrint` shape the answer (those that are no argument). */
  readonly shaping: ShapingKeys | undefined;
  private readonly formats: (PerFormat | undefined)[];

  constructor(
    readonly fn: FunctionEntry,
    private readonly codecs: readonly RestFormat[],
    private readonly api: Api,
  ) {
    const { sources, body } = fn.binding;
    /** The arguments a source carries, under their wire keys. */
    const carried = (key: (s: Source, name: string) => string | undefined) =>
      fn.args.flatMap((a) => {
        const k = key(sources.get(a.name)!, a.name);
        return k === undefined ? [] : [{ key: k, name: a.name, schema: a.schema }];
      });
    // WSME's rule: an argument without a declared source comes from the query or a form, by
    // name; so does the body argument (WSME's `body` names what a JSON or XML body is).
    this.query = new TextArgs(
      carried((s, name) => (s.in === 'auto' || s.in === 'body' ? name : s.in === 'query' ? s.key : undefined)),
      ignoredQueryKeys(api),
    );
    this.form = new TextArgs(carried((s, name) => (s.in === 'auto' || s.in === 'body' ? name : s.in === 'member' ? s.key : undefined)));
    this.headers = fn.args.flatMap((a, index) => {
      const s = sources.get(a.name)!;
      return s.in === 'header' ? [{ key: s.key, index }] : [];
    });
    this.bodyIndex = body === undefined ? -1 : fn.binder.indexOf(body);
    const allAuto = fn.args.every((a) => sources.get(a.name)!.in === 'auto');
    this.members = allAuto
      ? undefined
      : new Map(
          fn.args.flatMap((a, i) => {
            const s = sources.get(a.name)!;
            return s.in === 'auto' ? [[a.name, i] as const] : s.in === 'member' ? [[s.key, i] as const] : [];
          }),
        );
    this.formats = new Array(codecs.length);
    const takes = (name: string) => fn.args.some((a) => a.name === name);
    this.shaping = googleWire(api) ? { fields: !takes('fields'), prettyPrint: !takes('prettyPrint') } : undefined;
  }

  /** The parser and encoder of codec `i`. */
  format(i: number): PerFormat {
    let f = this.formats[i];
    if (!f) {
      const c = this.codecs[i]!;
      f = { parse: c.parser(this.fn), encode: c.resultEncoder(this.fn, this.api), item: c.listItemEncoder?.(this.fn, this.api) };
      this.formats[i] = f;
    }
    return f;
  }
}
