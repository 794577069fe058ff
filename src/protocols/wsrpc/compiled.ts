/**
 * A function's WebSocket parts, compiled once per app: the result encoder and the path a call
 * reports. `params` may name the arguments (an object) or list them in declaration order (an
 * array), as JSON-RPC allows; the one binder reads them.
 */
import type { FunctionEntry } from '../../runtime/compile.ts';
import { holdsInt64 } from '../../schema/int64.ts';
import { type JsonEncoder, jsonEncoder } from '../../schema/json.ts';

export class CompiledFunction {
  readonly encode: JsonEncoder;
  /** Its arguments may hold an int64 (read exactly from a frame's text when it has long integers). */
  readonly int64: boolean;
  /** The URL path a call reports as its request's path, e.g. `/ws/person/get`. */
  readonly path: string;

  constructor(
    readonly fn: FunctionEntry,
    webpath: string,
  ) {
    this.path = `${webpath}/${fn.path.join('/')}`;
    this.encode = jsonEncoder(fn.returns);
    this.int64 = fn.args.some((a) => holdsInt64(a.schema));
  }

  /** Converts `params` into the handler's arguments; throws a Client error. */
  decode(params: unknown): Record<string, unknown> {
    if (params === undefined || params === null) return {};
    const b = this.fn.binder;
    return Array.isArray(params) ? b.positional({}, params, 'json') : b.named({}, params, 'json');
  }
}
