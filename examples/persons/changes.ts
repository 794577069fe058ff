/**
 * The demo's change bus: every change to the stored persons, whichever protocol made it, goes
 * to every watcher. Each change gets a sequence number (its event id), and the last few are
 * kept so a watcher that reconnects with `Last-Event-ID` gets what it missed.
 */
import { ClientError, tagEvent } from '../../src/index.ts';

const HISTORY = 100;
/** A watcher further behind than this is ended rather than buffered without bound. */
const MAX_BACKLOG = 1000;

export class ChangeBus<T extends object> {
  private seq = 0;
  /** The last HISTORY changes, change `seq` at `seq % HISTORY` (a ring: no shifting). */
  private readonly history: (T | undefined)[] = new Array(HISTORY);
  private readonly watchers = new Set<Watcher<T>>();

  /** Sends a change to every watcher. */
  publish(change: T): void {
    this.seq++;
    this.history[this.seq % HISTORY] = change;
    // Tagged only when someone receives it (here, or replayed from history in `watch`): a
    // write nobody watches should not pay for the weak map.
    if (this.watchers.size === 0) return;
    tagEvent(change, this.seq);
    for (const w of this.watchers) w.push(change);
  }

  /** A stream of the changes after `since` (those still kept), then every new one, until closed. */
  watch(since?: number): AsyncIterable<T> {
    return {
      [Symbol.asyncIterator]: () => {
        const w = new Watcher<T>(() => this.watchers.delete(w));
        if (since !== undefined) {
          for (let seq = Math.max(since + 1, this.seq - HISTORY + 1, 1); seq <= this.seq; seq++) w.push(tagEvent(this.history[seq % HISTORY]!, seq));
        }
        this.watchers.add(w);
        return w;
      },
    };
  }

  /** Watchers now (for tests). */
  get size(): number {
    return this.watchers.size;
  }
}

/**
 * One watcher's queue. Hand-written rather than an async generator so that `return()` ends it
 * at once, even while it waits for the next change.
 */
class Watcher<T> implements AsyncIterator<T> {
  private readonly queue: T[] = [];
  private waiting: ((r: IteratorResult<T>) => void) | undefined;
  private over = false;
  private failed: Error | undefined;

  constructor(private readonly unsubscribe: () => void) {}

  push(change: T): void {
    if (this.over) return;
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = undefined;
      w({ done: false, value: change });
    } else if (this.queue.length >= MAX_BACKLOG) {
      this.failed = new ClientError('Too far behind: the watch was ended');
      this.end();
    } else this.queue.push(change);
  }

  next(): Promise<IteratorResult<T>> {
    if (this.queue.length > 0) return Promise.resolve({ done: false, value: this.queue.shift()! });
    if (this.failed) return Promise.reject(this.failed);
    if (this.over) return Promise.resolve({ done: true, value: undefined });
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  return(): Promise<IteratorResult<T>> {
    this.end();
    return Promise.resolve({ done: true, value: undefined });
  }

  private end(): void {
    if (this.over) return;
    this.over = true;
    this.queue.length = 0;
    this.unsubscribe();
    const w = this.waiting;
    this.waiting = undefined;
    w?.({ done: true, value: undefined });
  }
}
