/**
 * `dispatch` is the one place a call meets its handler: complete the arguments (defaults,
 * missing ones), run the handler, and turn whatever it throws into a SwitchboardError.
 * Synchronous handlers stay synchronous: no promise is made unless the handler returns one.
 */
import type { RequestInfo } from '../api/context.ts';
import { type SwitchboardError, sbError, toSwitchboardError } from '../errors/index.ts';
import type { FunctionEntry } from './compile.ts';
import { Context } from './context.ts';

/** A decoded call: the function and its converted arguments (absent ones left out). */
export interface Call {
  readonly fn: FunctionEntry;
  readonly args: Record<string, unknown>;
  readonly request: RequestInfo;
}

export type Outcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: SwitchboardError };

/** True for a handler's stream result. */
export function isStream(v: unknown): v is AsyncIterable<unknown> {
  return typeof v === 'object' && v !== null && typeof (v as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function';
}

/** Fills defaults and reports the first missing argument (WSME's `Missing argument`). */
export function completeArgs(fn: FunctionEntry, args: Record<string, unknown>): Record<string, unknown> {
  for (const a of fn.args) {
    if (args[a.name] === undefined) {
      if (a.hasDefault) args[a.name] = typeof a.default === 'object' && a.default !== null ? structuredClone(a.default) : a.default;
      else if (a.required) throw sbError('SB_MISSING_ARGUMENT', { name: a.name });
    }
  }
  return args;
}

const fail = (err: unknown): Outcome => ({ ok: false, error: toSwitchboardError(err) });
const succeed = (value: unknown): Outcome => ({ ok: true, value });

/** Runs a call. Returns synchronously when the handler does. */
export function dispatch(call: Call): Outcome | Promise<Outcome> {
  let value: unknown;
  try {
    const args = completeArgs(call.fn, call.args);
    value = call.fn.def.handler(args, new Context(call.request, call.fn.name));
  } catch (err) {
    return fail(err);
  }
  if (value instanceof Promise) return value.then(succeed, fail);
  return { ok: true, value };
}
