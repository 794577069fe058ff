/**
 * `dispatch` is the one place a call meets its handler: run it with its context and turn
 * whatever it throws into a SwitchboardError. Only `call()` (call.ts) calls it, after the
 * arguments are complete and the call steps have passed. Synchronous handlers stay
 * synchronous: no promise is made unless the handler returns one.
 */
import type { RequestInfo } from '../api/context.ts';
import { isLive } from '../api/live.ts';
import { type SwitchboardError, toSwitchboardError } from '../errors/index.ts';
import type { FunctionEntry } from './compile.ts';
import type { Context } from './context.ts';
import { openLive } from './live.ts';

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

export const fail = (err: unknown): Outcome => ({ ok: false, error: toSwitchboardError(err) });
const succeed = (value: unknown): Outcome => ({ ok: true, value });
/** A stream function's result: a live source becomes the caller's hub subscription. */
const succeedStream = (value: unknown): Outcome | Promise<Outcome> => (isLive(value) ? openLive(value).then(succeed, fail) : succeed(value));

/** Runs the handler. Returns synchronously when the handler does. */
export function dispatch(fn: FunctionEntry, args: Record<string, unknown>, ctx: Context): Outcome | Promise<Outcome> {
  let value: unknown;
  try {
    value = fn.handler(args, ctx);
  } catch (err) {
    return fail(err);
  }
  if (fn.def.stream) return value instanceof Promise ? value.then(succeedStream, fail) : succeedStream(value);
  if (value instanceof Promise) return value.then(succeed, fail);
  return { ok: true, value };
}
