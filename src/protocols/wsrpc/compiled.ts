/**
 * A function's WebSocket codecs, compiled once per app: an argument decoder per name (the
 * shared JSON codec) and the result encoder. `params` may name the arguments (an object) or
 * list them in declaration order (an array), as JSON-RPC allows.
 */
import { sbError } from '../../errors/index.ts';
import type { FunctionEntry } from '../../runtime/compile.ts';
import { type JsonDecoder, type JsonEncoder, jsonDecoder, jsonEncoder } from '../../schema/json.ts';

export class CompiledFunction {
  private readonly decoders: ReadonlyMap<string, JsonDecoder>;
  private readonly names: readonly string[];
  readonly encode: JsonEncoder;
  /** The URL path a call reports as its request's path, e.g. `/ws/person/get`. */
  readonly path: string;

  constructor(
    readonly fn: FunctionEntry,
    webpath: string,
  ) {
    this.path = `${webpath}/${fn.path.join('/')}`;
    this.decoders = new Map(fn.args.map((a) => [a.name, jsonDecoder(a.schema)]));
    this.names = fn.args.map((a) => a.name);
    this.encode = jsonEncoder(fn.returns);
  }

  /** Converts `params` into the handler's arguments; throws a Client error. */
  decode(params: unknown): Record<string, unknown> {
    const args: Record<string, unknown> = {};
    if (params === undefined || params === null) return args;
    if (Array.isArray(params)) {
      if (params.length > this.names.length) {
        throw sbError('SB_TOO_MANY_ARGUMENTS', { function: this.fn.name, accepted: this.names.length, given: params.length });
      }
      for (let i = 0; i < params.length; i++) {
        const name = this.names[i];
        if (params[i] !== undefined) args[name] = this.decoders.get(name)!(params[i], name);
      }
      return args;
    }
    if (typeof params !== 'object') throw sbError('SB_INVALID_REQUEST', { reason: 'params must be an object naming the arguments, or an array' });
    const given = params as Record<string, unknown>;
    for (const key in given) {
      const decode = this.decoders.get(key);
      if (!decode) throw sbError('SB_UNKNOWN_ARGUMENT', { name: key });
      const v = given[key];
      if (v !== undefined) args[key] = decode(v, key);
    }
    return args;
  }
}
