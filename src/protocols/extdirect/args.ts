/**
 * Reading an Ext Direct call's arguments, per function: positional `data` (an array of `len`
 * values), named `data` (one object), and form posts (text fields and uploaded files). The one
 * binder places and converts them; this file only says which notation and which value is which.
 */
import type { TSchema } from '@sinclair/typebox';
import { sbError } from '../../errors/index.ts';
import type { FunctionEntry } from '../../runtime/compile.ts';
import { TextArgs } from '../../runtime/textargs.ts';
import { shapeOf } from '../../schema/describe.ts';
import type { MultipartPart } from '../../schema/multipart.ts';

/** How a method takes its arguments: WSME's `params_notation`. */
export type ParamsNotation = 'named' | 'positional';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** True when a schema holds bytes, so an uploaded file may fill it. */
function takesFile(s: TSchema): boolean {
  const shape = shapeOf(s);
  return shape.k === 'binary' || (shape.k === 'nullable' && shapeOf(shape.inner).k === 'binary');
}

/** The argument readers of one function. */
export class CallArgs {
  private readonly files: ReadonlySet<string>;
  private text: TextArgs | undefined;

  constructor(
    private readonly fn: FunctionEntry,
    readonly notation: ParamsNotation,
  ) {
    this.files = new Set(fn.args.filter((a) => takesFile(a.schema)).map((a) => a.name));
  }

  /** The arguments of a JSON call's `data`, per the method's notation. */
  fromData(data: unknown): Record<string, unknown> {
    if (data === null || data === undefined) return {};
    const b = this.fn.binder;
    if (this.notation === 'positional') {
      // A `null` for an argument that cannot hold null leaves it out, so its default applies.
      return b.positional({}, data, 'json', true);
    }
    // Ext JS 4 sends named data as `[object]`.
    if (Array.isArray(data) && data.length === 1 && isObject(data[0])) data = data[0];
    return b.named({}, data, 'json');
  }

  /**
   * A form post's arguments: text fields by name (WSME's complex notation allowed, e.g.
   * `p.hobbies[0]`), uploaded files into binary arguments. A file input left empty is absent.
   */
  fromForm(fields: [string, string][], files: readonly MultipartPart[]): Record<string, unknown> {
    this.text ??= new TextArgs(this.fn.args.map((a) => ({ key: a.name, name: a.name, schema: a.schema })));
    const args = this.text.readPairs(fields);
    for (const f of files) {
      if (f.filename === '' && f.data.length === 0) continue;
      if (this.fn.binder.indexOf(f.name) === -1) throw sbError('SB_UNKNOWN_ARGUMENT', { name: f.name });
      if (!this.files.has(f.name)) throw sbError('SB_INVALID_INPUT', { name: f.name, value: f.filename ?? '', reason: 'This argument does not take a file' });
      if (args[f.name] !== undefined) throw sbError('SB_DUPLICATE_ARGUMENT', { name: f.name });
      args[f.name] = f.data;
    }
    return args;
  }
}
