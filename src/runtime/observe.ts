/**
 * Call observers: what logs, metrics and traces hook into. Each is told when a call starts on
 * the one call path and may return a function told its outcome; an API without observers pays
 * one property check per call. A call refused before the call path (no function by that name,
 * a body that does not parse) is told the same way, started and ended at once (`observeRefusal`).
 */
import type { RequestInfo } from '../api/context.ts';
import type { SwitchboardError } from '../errors/index.ts';
import type { Outcome } from './dispatch.ts';

/** One call as observers see it. */
export interface CallInfo {
  /** The API's name. */
  readonly api: string;
  /**
   * The function's dotted name (`person.get`), whatever the protocol called it by; `''` for a
   * call refused before any function was found (see `asked`).
   */
  readonly name: string;
  /** `rest`, `soap`, `extdirect`, `jsonrpc`, `wsrpc`… */
  readonly protocol: string;
  /** The request the call came in (a batch's members share theirs). */
  readonly request: RequestInfo;
  /** For a call no function answers: what the caller asked for (a method name, a path), as sent. */
  readonly asked?: string;
}

/**
 * Told of a call's outcome (for a stream: that it started, or why it did not). It may carry
 * `within`, to run the call in a context of the observer's (a span's, so the handler's own
 * spans nest), and `stream`, to follow a stream result to its end.
 */
export interface CallEnd {
  (outcome: Outcome): void;
  /** Runs the call — and each step of a stream result — inside the observer's context. */
  readonly within?: <T>(run: () => T) => T;
  /** For a stream result: told of each item the carrier takes and of the stream's end. */
  readonly stream?: StreamWatch;
}

/** Follows one stream result. */
export interface StreamWatch {
  /** An item was taken from the stream for delivery. */
  item(): void;
  /** The stream ended: ran out, was closed by the carrier (the client went away), or failed. */
  end(error?: SwitchboardError): void;
}

/** Told of each call as it starts; returns what to tell of its end, if anything. */
export type CallObserver = (call: CallInfo) => CallEnd | undefined;

/** Tells `observe` of a call refused before the call path, with the fault its caller gets. */
export function observeRefusal(observe: CallObserver | undefined, call: CallInfo, error: SwitchboardError): void {
  if (!observe) return;
  observe(call)?.({ ok: false, error });
}

/** The observers as one (undefined when there are none). */
export function combineObservers(observers: readonly CallObserver[] | undefined): CallObserver | undefined {
  if (!observers || observers.length === 0) return undefined;
  if (observers.length === 1) return observers[0];
  return (info) => {
    const ends: CallEnd[] = [];
    for (const o of observers) {
      const end = o(info);
      if (end) ends.push(end);
    }
    if (ends.length === 0) return undefined;
    if (ends.length === 1) return ends[0];
    return combineEnds(ends);
  };
}

function combineEnds(ends: readonly CallEnd[]): CallEnd {
  const withins = ends.flatMap((e) => (e.within ? [e.within] : []));
  const watches = ends.flatMap((e) => (e.stream ? [e.stream] : []));
  const end = (outcome: Outcome): void => {
    for (const e of ends) e(outcome);
  };
  const within = withins.length === 0 ? undefined : <T>(run: () => T): T => withins.reduceRight<() => T>((inner, w) => () => w(inner), run)();
  const stream: StreamWatch | undefined =
    watches.length === 0
      ? undefined
      : {
          item: () => {
            for (const w of watches) w.item();
          },
          end: (error) => {
            for (const w of watches) w.end(error);
          },
        };
  return Object.assign(end, { within, stream });
}
