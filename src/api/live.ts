/**
 * A live source: a stream a handler returns that pushes its items (a change bus, a feed)
 * rather than being pulled. Declared here, below the runtime, so that what builds models
 * (resources/) can make one; the runtime opens it into its broadcast hub, so every item waits
 * in that hub's bounded queue for one caller — measured in its carrier's wire format, counted
 * against the app's streams budget, and cut with `SB_STREAM_TOO_SLOW` when the caller falls
 * behind (`runtime/live.ts`).
 */

const LIVE = Symbol.for('switchboard.live');

/** Where a live source pushes: one caller's queue. */
export interface LiveSink<T> {
  /** One item (an object), with its event id (SSE's `id:`, what a client resumes from). */
  push(item: T, id?: string | number): void;
}

/** What `open` returns: when the source is live, and how to stop it (idempotent). */
export interface LiveHandle {
  /** Resolves once items flow (a subscription made, a backlog replayed); the call answers after it. */
  readonly ready: Promise<void>;
  close(): void;
}

/** A push stream of `T` items, opened once per caller; it ends when the caller's stream does. */
export interface LiveSource<T> {
  readonly [LIVE]: true;
  open(sink: LiveSink<T>): LiveHandle;
}

/** Makes a live source from its `open`. */
export function liveSource<T>(open: (sink: LiveSink<T>) => LiveHandle): LiveSource<T> {
  return { [LIVE]: true, open };
}

/** True for a handler's live source. */
export function isLive(v: unknown): v is LiveSource<unknown> {
  return typeof v === 'object' && v !== null && (v as { [LIVE]?: unknown })[LIVE] === true;
}
