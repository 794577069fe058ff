/**
 * The one call path every protocol takes once it has found the function and bound the raw
 * arguments (`Binder`): complete the arguments (defaults, missing ones), run the call steps,
 * run the handler (`dispatch`), and apply the one rule for results — a value, a promise, or a
 * stream (async iterable), which only a carrier that streams delivers; anywhere else a stream
 * is `SB_STREAM_NOT_CARRIED`, and the handler's iterator is closed so it releases what it holds.
 */
import type { RequestInfo } from '../api/context.ts';
import { sbError } from '../errors/index.ts';
import { pendingCheck } from './binder.ts';
import type { FunctionEntry } from './compile.ts';
import { Context } from './context.ts';
import { type Outcome, dispatch, fail, isStream } from './dispatch.ts';
import type { CallEnd, CallObserver } from './observe.ts';
import { watchedStream } from './watched-stream.ts';

/** What carries a call's answer: its name (for errors) and whether it delivers streams. */
export interface Carrier {
  /** e.g. `SOAP`, `REST without text/event-stream`, `JSON-RPC over HTTP`. */
  readonly name: string;
  readonly streams: boolean;
  /** The protocol's id for observers (`rest`, `soap`, `jsonrpc`…; default: `name`). */
  readonly protocol?: string;
}

/** Runs a call whose arguments the binder has read. Returns synchronously when it can. */
export function call(fn: FunctionEntry, args: Record<string, unknown>, request: RequestInfo, carrier: Carrier): Outcome | Promise<Outcome> {
  if (fn.observe) return observed(fn.observe, fn, args, request, carrier);
  return unobserved(fn, args, request, carrier);
}

/** `call`, telling the function's observers of its start and its outcome, run in their context. */
function observed(observe: CallObserver, fn: FunctionEntry, args: Record<string, unknown>, request: RequestInfo, carrier: Carrier): Outcome | Promise<Outcome> {
  const end = observe({ api: fn.target.api.name, name: fn.name, protocol: carrier.protocol ?? carrier.name, request });
  if (!end) return unobserved(fn, args, request, carrier);
  const within = end.within;
  const out = within ? within(() => unobserved(fn, args, request, carrier)) : unobserved(fn, args, request, carrier);
  return out instanceof Promise ? out.then((o) => told(end, o)) : told(end, out);
}

/** Tells `end` of the outcome; a stream result is followed to its end when the observers ask. */
function told(end: CallEnd, o: Outcome): Outcome {
  end(o);
  if (!o.ok || (end.stream === undefined && end.within === undefined) || !isStream(o.value)) return o;
  return { ok: true, value: watchedStream(o.value, end.stream, end.within) };
}

function unobserved(fn: FunctionEntry, args: Record<string, unknown>, request: RequestInfo, carrier: Carrier): Outcome | Promise<Outcome> {
  // A declared stream is refused before it starts; it would only be closed again.
  if (fn.def.stream && !carrier.streams) return notCarried(fn, carrier);
  const ctx = new Context(request, fn.name);
  try {
    fn.binder.complete(args);
    const checking = pendingCheck(args);
    if (checking) return checking.then(() => stepThenRun(fn, args, ctx, carrier), fail);
  } catch (err) {
    return fail(err);
  }
  return stepThenRun(fn, args, ctx, carrier);
}

function stepThenRun(fn: FunctionEntry, args: Record<string, unknown>, ctx: Context, carrier: Carrier): Outcome | Promise<Outcome> {
  try {
    if (fn.steps) {
      const stepped = fn.steps(ctx, args);
      if (stepped instanceof Promise) return stepped.then(() => run(fn, args, ctx, carrier), fail);
    }
  } catch (err) {
    return fail(err);
  }
  return run(fn, args, ctx, carrier);
}

function run(fn: FunctionEntry, args: Record<string, unknown>, ctx: Context, carrier: Carrier): Outcome | Promise<Outcome> {
  const out = dispatch(fn, args, ctx);
  if (carrier.streams) return out;
  return out instanceof Promise ? out.then((o) => settle(fn, o, carrier)) : settle(fn, out, carrier);
}

function settle(fn: FunctionEntry, o: Outcome, carrier: Carrier): Outcome {
  if (!o.ok || !isStream(o.value)) return o;
  void Promise.resolve()
    .then(() => (o.value as AsyncIterable<unknown>)[Symbol.asyncIterator]().return?.())
    .catch(() => {});
  return notCarried(fn, carrier);
}

function notCarried(fn: FunctionEntry, carrier: Carrier): Outcome {
  return { ok: false, error: sbError('SB_STREAM_NOT_CARRIED', { name: fn.name, protocol: carrier.name }) };
}
