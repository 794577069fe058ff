/**
 * The in-process bus (the default): events go to this process's subscribers at once, and the
 * last `logSize` of each topic are kept in a ring for subscribers that come back.
 */
import {
  type BusEvent,
  type BusSubscription,
  type Change,
  type ChangeBus,
  type ChangeEvent,
  DEFAULT_LOG_SIZE,
  type Listener,
  type SubscribeOptions,
} from './bus.ts';

interface Topic {
  seq: number;
  readonly log: ChangeEvent[];
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
      t = { seq: 0, log: [], listeners: new Set() };
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
    async publish(topic, change: Change) {
      const t = topicOf(topic);
      const e: ChangeEvent = Object.freeze({ ...change, id: ++t.seq, topic });
      t.log.push(e);
      if (t.log.length > size) t.log.splice(0, t.log.length - size);
      for (const l of [...t.listeners]) deliver(l, e);
      return e;
    },
    subscribe(topic, listener, o: SubscribeOptions = {}): BusSubscription {
      const t = topicOf(topic);
      if (o.since !== undefined) {
        const oldest = t.log[0]?.id ?? t.seq + 1;
        if (o.since > t.seq || o.since < oldest - 1) deliver(listener, { action: 'resync', id: t.seq, topic, since: o.since });
        else for (const e of t.log) if (e.id > o.since) deliver(listener, e);
      }
      t.listeners.add(listener);
      return { ready: Promise.resolve(), close: () => void t.listeners.delete(listener) };
    },
    async close() {
      for (const t of topics.values()) t.listeners.clear();
    },
  };
}
