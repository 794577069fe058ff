/**
 * Reading an Ext Direct call's arguments, compiled per function: positional `data` (an array of
 * `len` values), named `data` (one object), and form posts (text fields and uploaded files).
 * Conversion is the shared schema codecs'; this file only says which value is which argument.
 */
import type { TSchema } from '@sinclair/typebox';
import { sbError } from '../../errors/index.ts';
import { shapeOf } from '../../schema/describe.ts';
import { pairsToTree } from '../../schema/form.ts';
import { type JsonDecoder, jsonDecoder } from '../../schema/json.ts';
import type { MultipartPart } from '../../schema/multipart.ts';
import { type TextDecoder, type TextTree, textDecoder } from '../../schema/text.ts';
import type { FunctionEntry } from '../../runtime/compile.ts';

/** How a method takes its arguments: WSME's `params_notation`. */
export type ParamsNotation = 'named' | 'positional';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** True when a schema may hold `null` (so a positional `null` is a value, not "left out"). */
function takesNull(s: TSchema): boolean {
  const k = shapeOf(s).k;
  return k === 'nullable' || k === 'null' || k === 'any';
}

/** True when a schema holds bytes, so an uploaded file may fill it. */
function takesFile(s: TSchema): boolean {
  const shape = shapeOf(s);
  return shape.k === 'binary' || (shape.k === 'nullable' && shapeOf(shape.inner).k === 'binary');
}

interface ArgReader {
  readonly name: string;
  readonly json: JsonDecoder;
  readonly nullable: boolean;
}

/** The compiled readers of one function's arguments. */
export class CallArgs {
  private readonly readers: readonly ArgReader[];
  private readonly byName: ReadonlyMap<string, ArgReader>;
  private readonly text: ReadonlyMap<string, TextDecoder>;
  private readonly files: ReadonlySet<string>;

  constructor(
    private readonly fn: FunctionEntry,
    readonly notation: ParamsNotation,
  ) {
    this.readers = fn.args.map((a) => ({ name: a.name, json: jsonDecoder(a.schema), nullable: takesNull(a.schema) }));
    this.byName = new Map(this.readers.map((r) => [r.name, r]));
    this.text = new Map(fn.args.map((a) => [a.name, textDecoder(a.schema)]));
    this.files = new Set(fn.args.filter((a) => takesFile(a.schema)).map((a) => a.name));
  }

  /** The arguments of a JSON call's `data`, per the method's notation. */
  fromData(data: unknown): Record<string, unknown> {
    return this.notation === 'named' ? this.named(data) : this.positional(data);
  }

  /**
   * Positional: `data` is an array of at most `len` values (`null` or absent when `len` is 0).
   * A `null` for an argument that cannot hold null leaves it out, so its default applies.
   */
  private positional(data: unknown): Record<string, unknown> {
    const args: Record<string, unknown> = {};
    if (data === null || data === undefined) return args;
    if (!Array.isArray(data)) throw sbError('SB_INVALID_REQUEST', { reason: `${this.fn.name} takes its arguments as an array (positional notation)` });
    if (data.length > this.readers.length) {
      throw sbError('SB_INVALID_REQUEST', { reason: `${this.fn.name} takes ${this.readers.length} argument(s), got ${data.length}` });
    }
    for (let i = 0; i < data.length; i++) {
      const r = this.readers[i];
      const v = data[i];
      if (v === undefined || (v === null && !r.nullable)) continue;
      args[r.name] = r.json(v, r.name);
    }
    return args;
  }

  /** Named: `data` is one object naming the arguments (Ext JS 4's `[object]` is read too). */
  private named(data: unknown): Record<string, unknown> {
    if (Array.isArray(data) && data.length === 1 && isObject(data[0])) data = data[0];
    const args: Record<string, unknown> = {};
    if (data === null || data === undefined) return args;
    if (!isObject(data)) throw sbError('SB_INVALID_REQUEST', { reason: `${this.fn.name} takes its arguments as one object (named notation)` });
    for (const key of Object.keys(data)) {
      const r = this.byName.get(key);
      if (!r) throw sbError('SB_UNKNOWN_ARGUMENT', { name: key });
      const v = data[key];
      if (v !== undefined) args[key] = r.json(v, key);
    }
    return args;
  }

  /**
   * A form post's arguments: text fields by name (WSME's complex notation allowed, e.g.
   * `p.hobbies[0]`), uploaded files into binary arguments. A file input left empty is absent.
   */
  fromForm(fields: [string, string][], files: readonly MultipartPart[]): Record<string, unknown> {
    const args: Record<string, unknown> = {};
    const tree = pairsToTree(fields);
    for (const key of Object.keys(tree)) {
      const decode = this.text.get(key);
      if (!decode) throw sbError('SB_UNKNOWN_ARGUMENT', { name: key });
      args[key] = decode(tree[key] as TextTree, key);
    }
    for (const f of files) {
      if (f.filename === '' && f.data.length === 0) continue;
      if (!this.byName.has(f.name)) throw sbError('SB_UNKNOWN_ARGUMENT', { name: f.name });
      if (!this.files.has(f.name)) throw sbError('SB_INVALID_INPUT', { name: f.name, value: f.filename ?? '', reason: 'This argument does not take a file' });
      if (args[f.name] !== undefined) throw sbError('SB_DUPLICATE_ARGUMENT', { name: f.name });
      args[f.name] = f.data;
    }
    return args;
  }
}
