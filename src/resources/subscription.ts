/**
 * A subscription as a live source (`api/live.ts`): the bus's events for one caller, mapped
 * through its filter, scope, permissions and formatter, pushed with their event ids. The
 * runtime opens it into its broadcast hub, whose per-caller queue is bounded (in items and in
 * bytes of the carrier's wire format, within the app's streams budget) and cuts a caller too
 * slow to read with `SB_STREAM_TOO_SLOW`. Only the mapping waits here, in event order: while a
 * slow `map` (a formatter reading a database) holds more than `maxPending` events, the excess is
 * replaced by one `resync` event rather than kept. With `replay` (the store's change log), the
 * bus catches up and fills gaps from it.
 */
import { type LiveSource, liveSource } from '../api/live.ts';
import type { BusEvent, ChangeBus, SubscribeOptions } from './bus.ts';

export interface FeedOptions extends SubscribeOptions {
  /** Events waiting for `map` before the excess becomes one `resync` (default 1000). */
  maxPending?: number;
}

/** The topic's events, each mapped by `map` (undefined: not for this caller), as a live source. */
export function busFeed<T extends object>(
  bus: ChangeBus,
  topic: string,
  map: (e: BusEvent) => T | undefined | Promise<T | undefined>,
  o: FeedOptions = {},
): LiveSource<T> {
  const max = o.maxPending ?? 1000;
  return liveSource<T>((sink) => {
    let chain: Promise<void> = Promise.resolve();
    let pending = 0;
    let closed = false;
    /** Events dropped while `map` was behind: from after `since` through `id`. */
    let skipped: { since: number; id: number } | undefined;
    const emit = async (e: BusEvent) => {
      try {
        const item = await map(e);
        if (item !== undefined && !closed) sink.push(item, e.id);
      } catch {
        // A failing map (a formatter that threw) skips that event for this caller only.
      }
      pending--;
      if (skipped && pending === 0) flush();
    };
    const enqueue = (e: BusEvent) => {
      pending++;
      chain = chain.then(() => emit(e));
    };
    const flush = () => {
      const s = skipped!;
      skipped = undefined;
      enqueue({ action: 'resync', id: s.id, topic, since: s.since });
    };
    const sub = bus.subscribe(
      topic,
      (e) => {
        if (closed) return;
        if (pending >= max) {
          skipped = { since: skipped?.since ?? e.id - 1, id: e.id };
          return;
        }
        if (skipped) flush();
        enqueue(e);
      },
      { since: o.since, replay: o.replay },
    );
    return {
      // Live once the bus subscribed and the events it replayed (`since`) are mapped.
      ready: sub.ready.then(() => chain),
      close() {
        closed = true;
        sub.close();
      },
    };
  });
}
