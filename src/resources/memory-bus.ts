/**
 * The in-process bus (the default): events go to this process's subscribers at once. Without
 * a store's change log it numbers them and keeps the last `logSize` of each topic in a ring for
 * subscribers that come back; with one, events carry the log's ids (`publish(…, id)`) and a
 * subscriber given `replay` catches up and fills gaps from the log (`bus-replay.ts`).
 */
import {
  type BusEvent,
  type BusSubscription,
  type Change,
  type ChangeBus,
  type ChangeEvent,
  DEFAULT_LOG_SIZE,
  eventOf,
  type Listener,
  type SubscribeOptions,
} from './bus.ts';
import { ReplayCursor } from './bus-replay.ts';

interface Topic {
  seq: number;
  /** The last events, a ring: `count` of them from `head` on (measured: trimming an array's front on every write cost ~5 % of a create). */
  readonly ring: ChangeEvent[];
  head: number;
  count: number;
  readonly listeners: Set<Listener>;
}

export interface MemoryBusOptions {
  /** Events kept per topic (default 1000). */
  logSize?: number;
}

/** A bus for one process. */
export function memoryBus(options: MemoryBusOptions = {}): ChangeBus {
  const size = options.logSize ?? DEFAULT_LOG_SIZE;
  const topics = new Map<string, Topic>();
  const topicOf = (name: string): Topic => {
    let t = topics.get(name);
    if (!t) {
      t = { seq: 0, ring: [], head: 0, count: 0, listeners: new Set() };
      topics.set(name, t);
    }
    return t;
  };
  const deliver = (l: Listener, e: BusEvent) => {
    try {
      l(e);
    } catch {
      // A subscriber's failure is its own; the others still get the event.
    }
  };
  return {
    async publish(topic, change: Change, id?: number) {
      const t = topicOf(topic);
      if (id !== undefined && id > t.seq) t.seq = id;
      const e = eventOf(change, id ?? ++t.seq, topic);
      if (t.count < size) t.ring[(t.head + t.count++) % size] = e;
      else {
        t.ring[t.head] = e;
        t.head = (t.head + 1) % size;
      }
      for (const l of [...t.listeners]) deliver(l, e);
      return e;
    },
    subscribe(topic, listener, o: SubscribeOptions = {}): BusSubscription {
      const t = topicOf(topic);
      if (o.replay) {
        const cursor = new ReplayCursor(topic, o.replay, listener);
        const notified: Listener = (e) => {
          if (e.action !== 'resync') cursor.offer(e);
        };
        t.listeners.add(notified);
        return {
          ready: cursor.start(o.since),
          close: () => {
            cursor.close();
            t.listeners.delete(notified);
          },
        };
      }
      if (o.since !== undefined) {
        const oldest = t.count > 0 ? t.ring[t.head]!.id : t.seq + 1;
        if (o.since > t.seq || o.since < oldest - 1) deliver(listener, { action: 'resync', id: t.seq, topic, since: o.since });
        else
          for (let k = 0; k < t.count; k++) {
            const e = t.ring[(t.head + k) % size]!;
            if (e.id > o.since) deliver(listener, e);
          }
      }
      t.listeners.add(listener);
      return { ready: Promise.resolve(), close: () => void t.listeners.delete(listener) };
    },
    async close() {
      for (const t of topics.values()) t.listeners.clear();
    },
  };
}
