/**
 * A function's WebSocket parts, compiled once per app: the result encoder and the path a call
 * reports. `params` may name the arguments (an object) or list them in declaration order (an
 * array), as JSON-RPC allows; the one binder reads them.
 */
import type { FunctionEntry } from '../../runtime/compile.ts';
import { type JsonEncoder, jsonEncoder } from '../../schema/json.ts';

export class CompiledFunction {
  readonly encode: JsonEncoder;
  /** The URL path a call reports as its request's path, e.g. `/ws/person/get`. */
  readonly path: string;

  constructor(
    readonly fn: FunctionEntry,
    webpath: string,
  ) {
    this.path = `${webpath}/${fn.path.join('/')}`;
    this.encode = jsonEncoder(fn.returns);
  }

  /** Converts `params` into the handler's arguments; throws a Client error. */
  decode(params: unknown): Record<string, unknown> {
    if (params === undefined || params === null) return {};
    const b = this.fn.binder;
    return Array.isArray(params) ? b.positional({}, params, 'json') : b.named({}, params, 'json');
  }
}
