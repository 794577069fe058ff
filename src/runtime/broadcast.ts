/**
 * A broadcast (hub): one source of items — changes to a store, live events — and many
 * subscribers, each a stream a handler returns (`return hub.subscribe()`). Publishing costs
 * the publisher O(1): the item is queued and fanned out in the background, in slices between
 * which other requests run. Each subscriber has a bounded queue, in items and in bytes of its
 * wire format; one that falls behind (its client stopped reading, so its carrier stopped
 * pulling) is ended with `SB_STREAM_TOO_SLOW` rather than buffered without bound. Items get
 * sequence numbers (their event ids, see `tagEvent`) and the last `history` are kept, so a
 * subscriber that reconnects with the last id it saw misses nothing that is still kept.
 */
import { type SwitchboardError, sbError } from '../errors/index.ts';
import { tagEvent } from './events.ts';
import { SharedItem, type StreamFormat } from './shared-frames.ts';
import { DEFAULT_STREAM_LIMITS, type StreamBudget } from './stream-limits.ts';
import { underlying } from './watched-stream.ts';

export interface BroadcastOptions {
  /** Items kept for subscribers that resume (`subscribe({ since })`); default 100, 0 keeps none. */
  readonly history?: number;
  /**
   * Work per slice of the background fan-out, in offers of a small item (default 1000); an
   * offer of a large one counts once more per 4 KiB of its frame, since its subscriber's
   * carrier writes it to a socket in the same turn.
   */
  readonly slice?: number;
  /** Items a subscriber no carrier bound may have waiting (default 1000). */
  readonly maxQueueItems?: number;
}

export interface SubscribeOptions {
  /** The last sequence number the subscriber saw: the kept items after it come first. */
  readonly since?: number;
}

/** A hub of items of type `T` (objects: they carry their event ids and shared frames). */
export class Broadcast<T extends object> {
  private seq = 0;
  private readonly history: (T | undefined)[];
  private readonly subscribers = new Set<Subscription<T>>();
  /** Published, not yet fanned out: items with their numbers. */
  private pending: { item: T; seq: number; shared?: SharedItem; subs?: Subscription<T>[] }[] = [];
  private scheduled = false;
  private readonly slice: number;
  readonly maxQueueItems: number;

  constructor(options: BroadcastOptions = {}) {
    this.history = new Array(options.history ?? 100);
    this.slice = options.slice ?? 1000;
    this.maxQueueItems = options.maxQueueItems ?? DEFAULT_STREAM_LIMITS.maxQueueItems;
  }

  /** Subscribers now. */
  get size(): number {
    return this.subscribers.size;
  }

  /** The last item's sequence number (0 before the first). */
  get last(): number {
    return this.seq;
  }

  /** Sends an item to every subscriber, in the background; returns its sequence number. */
  publish(item: T): number {
    const seq = ++this.seq;
    if (this.history.length > 0) this.history[seq % this.history.length] = item;
    // Tagged only when someone receives it (here, or replayed in `subscribe`): a write nobody
    // watches should not pay for the weak map.
    if (this.subscribers.size === 0) return seq;
    tagEvent(item, seq);
    this.pending.push({ item, seq });
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.fanOut(0, 0));
    }
    return seq;
  }

  /** A stream of the kept items after `since`, then every new one, until it is closed or falls behind. */
  subscribe(options: SubscribeOptions = {}): Subscription<T> {
    const sub = new Subscription<T>(this, this.seq);
    const since = options.since;
    const kept = this.history.length;
    if (since !== undefined && kept > 0) {
      for (let seq = Math.max(since + 1, this.seq - kept + 1, 1); seq <= this.seq; seq++) {
        sub.offer(new SharedItem(tagEvent(this.history[seq % kept]!, seq)));
      }
    }
    this.subscribers.add(sub);
    return sub;
  }

  /** @internal A subscription ended. */
  drop(sub: Subscription<T>): void {
    this.subscribers.delete(sub);
  }

  /** Offers pending items to subscribers, `slice` offers at a time, yielding between slices. */
  private fanOut(itemAt: number, subAt: number): void {
    let budget = this.slice;
    const pending = this.pending;
    while (itemAt < pending.length) {
      const p = pending[itemAt]!;
      // Held by the fan-out itself until every subscriber had it, so its frames are made once;
      // offered to the subscribers of the moment it began (those that join later started after
      // it, by their `after`; those that leave meanwhile ignore it).
      let shared = p.shared;
      if (!shared) {
        shared = new SharedItem(p.item);
        shared.retain();
        p.shared = shared;
      }
      p.subs ??= [...this.subscribers];
      const subs = p.subs;
      for (let i = subAt; i < subs.length; i++) {
        subs[i]!.offerNew(shared, p.seq);
        budget -= 1 + (shared.largest >> 12);
        if (budget <= 0 && i + 1 < subs.length) {
          setImmediate(() => this.fanOut(itemAt, i + 1));
          return;
        }
      }
      shared.release();
      p.shared = undefined;
      p.subs = undefined;
      subAt = 0;
      itemAt++;
    }
    this.pending = [];
    this.scheduled = false;
  }
}

/** How a carrier bound a subscription: its format (for byte sizes) and the app's budget. */
interface Bound {
  readonly format: StreamFormat;
  readonly budget: StreamBudget;
}

/**
 * One subscriber: an async iterator over its queue. Hand-written rather than an async
 * generator so that `return()` ends it at once, even while it waits for the next item.
 */
export class Subscription<T extends object> implements AsyncIterableIterator<T> {
  private queue: { readonly shared: SharedItem; readonly size: number }[] = [];
  private head = 0;
  private bytes = 0;
  /** The item last handed out: held (its frames kept) until the next `next()`. */
  private current: SharedItem | undefined;
  private waiting: ((r: IteratorResult<T>) => void) | undefined;
  private failWaiting: ((err: unknown) => void) | undefined;
  private over = false;
  private failed: SwitchboardError | undefined;
  private bound: Bound | undefined;

  constructor(
    private readonly hub: Broadcast<T>,
    /** Items up to this number came before it subscribed. */
    private readonly after: number,
  ) {}

  [Symbol.asyncIterator](): this {
    return this;
  }

  /** Items waiting now. */
  get length(): number {
    return this.queue.length - this.head;
  }

  /** True once ended (closed, or fallen behind). */
  get ended(): boolean {
    return this.over;
  }

  /**
   * For carriers (`bindStream`): sizes are measured in this format, and the queue is bounded by
   * the budget's per-subscriber limits; the frames it makes are counted against the budget.
   */
  bind(format: StreamFormat, budget: StreamBudget): void {
    this.bound = { format, budget };
  }

  /** @internal From the fan-out: a new item, unless it came before this subscription. */
  offerNew(shared: SharedItem, seq: number): void {
    if (seq > this.after) this.offer(shared);
  }

  /** @internal Queues an item, or ends the subscription when it is too far behind. */
  offer(shared: SharedItem): void {
    if (this.over) return;
    const w = this.waiting;
    const b = this.bound;
    if (w) {
      this.waiting = undefined;
      this.failWaiting = undefined;
      this.hold(shared);
      // Encoded now rather than by the carrier a moment later: the same work, once per format,
      // and the fan-out learns what each offer costs.
      if (b) shared.frame(b.format, b.budget);
      w({ done: false, value: shared.item as T });
      return;
    }
    const maxItems = b ? b.budget.limits.maxQueueItems : this.hub.maxQueueItems;
    const waiting = this.length;
    if (waiting >= maxItems) {
      this.fallBehind(`${maxItems} items`);
      return;
    }
    let size = 0;
    shared.retain();
    if (b) {
      size = shared.frame(b.format, b.budget).size;
      // One item always fits; past that, the bytes of this queue and of all queues are bounded.
      if (waiting > 0 && (this.bytes + size > b.budget.limits.maxQueueBytes || b.budget.queued > b.budget.limits.maxQueuedBytes)) {
        shared.release();
        this.fallBehind(`${b.budget.limits.maxQueueBytes} bytes`);
        return;
      }
    }
    this.queue.push({ shared, size });
    this.bytes += size;
  }

  next(): Promise<IteratorResult<T>> {
    this.current?.release();
    this.current = undefined;
    if (this.head < this.queue.length) {
      const { shared, size } = this.queue[this.head]!;
      this.head++;
      if (this.head === this.queue.length) {
        this.queue = [];
        this.head = 0;
      } else if (this.head > 1024 && this.head * 2 > this.queue.length) {
        // Read entries are dropped in bulk: shifting one at a time would be O(n) each.
        this.queue = this.queue.slice(this.head);
        this.head = 0;
      }
      this.bytes -= size;
      // Handed over: the queue's reference becomes the current one, let go at the next call.
      this.current = shared;
      return Promise.resolve({ done: false, value: shared.item as T });
    }
    if (this.failed) return Promise.reject(this.failed);
    if (this.over) return Promise.resolve({ done: true, value: undefined });
    return new Promise((resolve, reject) => {
      this.waiting = resolve;
      this.failWaiting = reject;
    });
  }

  return(): Promise<IteratorResult<T>> {
    this.end();
    return Promise.resolve({ done: true, value: undefined });
  }

  private hold(shared: SharedItem): void {
    shared.retain();
    this.current = shared;
  }

  private fallBehind(limit: string): void {
    this.failed = sbError('SB_STREAM_TOO_SLOW', { limit });
    this.end();
  }

  /** Ends it: unsubscribed, its queue let go at once (a waiting `next()` learns why). */
  private end(): void {
    if (this.over) return;
    this.over = true;
    this.hub.drop(this);
    for (let i = this.head; i < this.queue.length; i++) this.queue[i]!.shared.release();
    this.queue = [];
    this.head = 0;
    this.bytes = 0;
    this.current?.release();
    this.current = undefined;
    const w = this.waiting;
    const f = this.failWaiting;
    this.waiting = undefined;
    this.failWaiting = undefined;
    if (this.failed && f) f(this.failed);
    else w?.({ done: true, value: undefined });
  }
}

/**
 * For carriers: when `it` is a broadcast's subscription, measure its queue in `format` and
 * bound it by `budget` (any other stream is pulled at the carrier's pace, and needs neither).
 */
export function bindStream(it: AsyncIterator<unknown>, format: StreamFormat, budget: StreamBudget): void {
  const own = underlying(it);
  if (own instanceof Subscription) own.bind(format, budget);
}
