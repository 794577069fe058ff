/**
 * Call observers: what logs, metrics and traces hook into. Each is told when a call starts on
 * the one call path and may return a function told its outcome; an API without observers pays
 * one property check per call.
 */
import type { RequestInfo } from '../api/context.ts';
import type { Outcome } from './dispatch.ts';

/** One call as observers see it. */
export interface CallInfo {
  /** The API's name. */
  readonly api: string;
  /** The function's dotted name (`person.get`), whatever the protocol called it by. */
  readonly name: string;
  /** `rest`, `soap`, `extdirect`, `jsonrpc`, `wsrpc`… */
  readonly protocol: string;
  /** The request the call came in (a batch's members share theirs). */
  readonly request: RequestInfo;
}

/** Told of a call's outcome (for a stream: that it started, or why it did not). */
export type CallEnd = (outcome: Outcome) => void;

/** Told of each call as it starts; returns what to tell of its end, if anything. */
export type CallObserver = (call: CallInfo) => CallEnd | undefined;

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
    return (outcome) => {
      for (const end of ends) end(outcome);
    };
  };
}
