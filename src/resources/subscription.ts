/**
 * A subscription as a stream: a bounded queue between the bus and one subscriber. A subscriber
 * too slow to keep up loses its queue for one `resync` item (read the collection again), never
 * memory without bound. Hand-written rather than an async generator so `return()` ends it at
 * once, even while it waits. (The runtime's broadcast hub can take its place: same contract.)
 */
import type { BusEvent, BusSubscription, ChangeBus, SubscribeOptions } from './bus.ts';

export interface StreamOptions extends SubscribeOptions {
  /** Items queued for a slow subscriber before they are dropped for a resync (default 1000). */
  maxQueue?: number;
  /** Ends the stream (the caller went away). */
  signal?: AbortSignal;
}

/** The topic's events, each mapped by `map` (undefined: not for this subscriber), as a stream. */
export function busStream<T>(
  bus: ChangeBus,
  topic: string,
  map: (e: BusEvent) => T | undefined | Promise<T | undefined>,
  o: StreamOptions = {},
): AsyncIterable<T> {
  return { [Symbol.asyncIterator]: () => new BusIterator(bus, topic, map, o) };
}

class BusIterator<T> implements AsyncIterator<T> {
  private readonly queue: BusEvent[] = [];
  private waiting: ((e: BusEvent | undefined) => void) | undefined;
  private over = false;
  private readonly sub: BusSubscription;
  private readonly max: number;
  private readonly onAbort = () => void this.return();

  constructor(
    bus: ChangeBus,
    readonly topic: string,
    private readonly map: (e: BusEvent) => T | undefined | Promise<T | undefined>,
    o: StreamOptions,
  ) {
    this.max = o.maxQueue ?? 1000;
    this.sub = bus.subscribe(topic, (e) => this.push(e), { since: o.since });
    if (o.signal?.aborted) this.over = true;
    o.signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  private push(e: BusEvent): void {
    if (this.over) return;
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = undefined;
      w(e);
      return;
    }
    if (this.queue.length >= this.max) {
      const since = this.queue[0]!.id - 1;
      this.queue.length = 0;
      this.queue.push({ action: 'resync', id: e.id, topic: this.topic, since });
      return;
    }
    this.queue.push(e);
  }

  private take(): Promise<BusEvent | undefined> {
    if (this.queue.length > 0) return Promise.resolve(this.queue.shift());
    if (this.over) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  async next(): Promise<IteratorResult<T>> {
    await this.sub.ready;
    for (;;) {
      const e = await this.take();
      if (e === undefined) return { done: true, value: undefined };
      const item = await this.map(e);
      if (item !== undefined) return { done: false, value: item };
    }
  }

  async return(): Promise<IteratorResult<T>> {
    if (!this.over) {
      this.over = true;
      this.sub.close();
      const w = this.waiting;
      this.waiting = undefined;
      w?.(undefined);
    }
    return { done: true, value: undefined };
  }
}
