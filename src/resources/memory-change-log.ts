/**
 * The memory store's change log: a ring of the last `size` events of its one topic. The store
 * records a write's changes in the same synchronous step as the write (so a write that fails
 * records nothing), then tells the listeners.
 */
import { type Change, type ChangeEvent, eventOf } from './bus.ts';
import { type ChangeLog, type CommitListener, DEFAULT_CHANGE_LOG_SIZE, type LogSlice, type LogTopicOptions, type StoreChanges } from './change-log.ts';

export class MemoryChangeLog implements StoreChanges, ChangeLog {
  private name: string | undefined;
  private size = DEFAULT_CHANGE_LOG_SIZE;
  private last = 0;
  private ring: ChangeEvent[] = [];
  private first = 0;
  private count = 0;
  private readonly listeners: CommitListener[] = [];

  /** Whether a topic is enabled (writes are logged). */
  get enabled(): boolean {
    return this.name !== undefined;
  }

  async topic(name: string, o: LogTopicOptions = {}): Promise<ChangeLog> {
    if (this.name !== undefined && this.name !== name) throw new TypeError(`this store logs the topic ${this.name}, not ${name}`);
    if (this.name === undefined) {
      this.name = name;
      this.size = o.size ?? DEFAULT_CHANGE_LOG_SIZE;
      if (!(this.size >= 1)) throw new TypeError('a change log keeps one event at least');
    }
    if (o.committed) this.listeners.push(o.committed);
    return this;
  }

  /** Logs a committed write's changes under the next ids, then tells the listeners. */
  record(changes: readonly Change[]): readonly ChangeEvent[] {
    const topic = this.name;
    if (topic === undefined || changes.length === 0) return [];
    const events = changes.map((c) => eventOf(c, ++this.last, topic));
    for (const e of events) {
      if (this.count < this.size) this.ring[(this.first + this.count++) % this.size] = e;
      else {
        this.ring[this.first] = e;
        this.first = (this.first + 1) % this.size;
      }
    }
    for (const l of this.listeners) {
      try {
        l(events);
      } catch {
        // A listener's failure is its own: the write stands.
      }
    }
    return events;
  }

  async read(topic: string, after: number, limit: number): Promise<LogSlice> {
    const start = this.count > 0 ? this.ring[this.first]!.id : this.last + 1;
    if (topic !== this.name) return { events: [], start: 1, head: 0 };
    const events: ChangeEvent[] = [];
    // Ids are contiguous: the event after `after` sits at a known place in the ring.
    for (let k = Math.max(0, after + 1 - start); k < this.count && events.length < limit; k++) events.push(this.ring[(this.first + k) % this.size]!);
    return { events, start, head: this.last };
  }

  async head(topic: string): Promise<number> {
    return topic === this.name ? this.last : 0;
  }
}
