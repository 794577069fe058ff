/**
 * Reading a call's `params` into the function's arguments: by name (an object) or by position
 * (an array, in argument order), through the one binder. Every failure here is JSON-RPC's
 * "Invalid params", missing arguments included (so the binder completes them here).
 */
import type { FunctionEntry } from '../../runtime/compile.ts';

/** Converts `params` (absent, an array or an object) into complete arguments; throws a Client error. */
export type ParamsReader = (params: unknown) => Record<string, unknown>;

export function paramsReader(fn: FunctionEntry): ParamsReader {
  const b = fn.binder;
  return (params) => b.complete(params === undefined ? {} : Array.isArray(params) ? b.positional({}, params, 'json') : b.named({}, params, 'json'));
}
