/**
 * Reading a call's `params` into the function's arguments, compiled once per function:
 * by name (an object) or by position (an array, in argument order). Values are converted by
 * the schema's JSON decoders; every failure here is JSON-RPC's "Invalid params".
 */
import { sbError } from '../../errors/index.ts';
import type { FunctionEntry } from '../../runtime/compile.ts';
import { completeArgs } from '../../runtime/dispatch.ts';
import { type JsonDecoder, jsonDecoder } from '../../schema/json.ts';

/** Converts `params` (absent, an array or an object) into complete arguments; throws a Client error. */
export type ParamsReader = (params: unknown) => Record<string, unknown>;

export function paramsReader(fn: FunctionEntry): ParamsReader {
  const names = fn.args.map((a) => a.name);
  const decoders: JsonDecoder[] = fn.args.map((a) => jsonDecoder(a.schema));
  const byName = new Map<string, JsonDecoder>(names.map((n, i) => [n, decoders[i]]));
  const count = names.length;

  const positional = (params: unknown[]): Record<string, unknown> => {
    if (params.length > count) throw sbError('SB_TOO_MANY_ARGUMENTS', { function: fn.name, accepted: count, given: params.length });
    const args: Record<string, unknown> = {};
    for (let i = 0; i < params.length; i++) args[names[i]] = decoders[i](params[i], names[i]);
    return args;
  };

  const named = (params: Record<string, unknown>): Record<string, unknown> => {
    const args: Record<string, unknown> = {};
    for (const key of Object.keys(params)) {
      const decode = byName.get(key);
      if (!decode) throw sbError('SB_UNKNOWN_ARGUMENT', { name: key });
      args[key] = decode(params[key], key);
    }
    return args;
  };

  // Missing arguments are reported here too, so they are "Invalid params" rather than an
  // application error; dispatch's own check then finds nothing left to do.
  return (params) => {
    const args = params === undefined ? {} : Array.isArray(params) ? positional(params) : named(params as Record<string, unknown>);
    return completeArgs(fn, args);
  };
}
