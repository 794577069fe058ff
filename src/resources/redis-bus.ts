/**
 * The bus across processes, on Redis through ioredis. One Lua script numbers, logs and
 * publishes each event atomically (`INCR`, `RPUSH` + `LTRIM`, `PUBLISH`), so the publication
 * order is the id order whichever process publishes. A subscriber delivers ids in sequence:
 * an event past the next expected one (a message lost while the connection was down) first
 * fills the gap from the log, and after every reconnect each subscription catches up from the
 * log; what the log no longer holds is a `resync` event. Duplicates are dropped by id.
 */
import { Redis, type RedisOptions } from 'ioredis';
import { decodeEvent, encodeEvent } from './bus-codec.ts';
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

export interface RedisBusOptions {
  /** e.g. `redis://127.0.0.1:6379`. */
  url: string;
  /** Prefix of every key and channel (default `sb`); buses sharing one see each other. */
  prefix?: string;
  /** Events kept per topic (default 1000). */
  logSize?: number;
  /** This process's name in Redis' CLIENT LIST (connections `<name>:publish`, `<name>:listen`); default: the prefix. */
  name?: string;
  /** More ioredis options. */
  redis?: RedisOptions;
}

const PUBLISH = `
local id = redis.call('INCR', KEYS[1])
local msg = '{"id":' .. id .. ',' .. string.sub(ARGV[1], 2)
redis.call('RPUSH', KEYS[2], msg)
redis.call('LTRIM', KEYS[2], -tonumber(ARGV[2]), -1)
redis.call('PUBLISH', KEYS[3], msg)
return id`;

type Publisher = Redis & { sbPublish(seq: string, log: string, channel: string, body: string, size: number): Promise<number> };

class Sub {
  last = 0;
  chain: Promise<void> = Promise.resolve();
  closed = false;
  constructor(
    readonly topic: string,
    readonly listener: Listener,
  ) {}
  deliver(e: BusEvent): void {
    if (this.closed) return;
    this.last = e.id;
    try {
      this.listener(e);
    } catch {
      // The subscriber's own failure; the bus goes on.
    }
  }
}

/** A bus shared by every process that names the same Redis and prefix. */
export function redisBus(o: RedisBusOptions): ChangeBus {
  const prefix = o.prefix ?? 'sb';
  const size = o.logSize ?? DEFAULT_LOG_SIZE;
  const cmd = new Redis(o.url, { connectionName: `${o.name ?? prefix}:publish`, ...o.redis }) as Publisher;
  cmd.defineCommand('sbPublish', { numberOfKeys: 3, lua: PUBLISH });
  const listen = new Redis(o.url, { connectionName: `${o.name ?? prefix}:listen`, ...o.redis });
  // Errors surface as failed calls; a dropped connection reconnects by itself.
  cmd.on('error', () => {});
  listen.on('error', () => {});
  const keys = (topic: string) => ({ seq: `${prefix}:seq:${topic}`, log: `${prefix}:log:${topic}`, channel: `${prefix}:ch:${topic}` });
  const subs = new Map<string, Set<Sub>>();
  /** Each topic's channel subscription, shared by its subscribers. */
  const channels = new Map<string, Promise<unknown>>();
  let connectedOnce = false;

  /** Delivers what the log holds after `s.last`, or a resync when it no longer reaches back. */
  async function fill(s: Sub): Promise<void> {
    const k = keys(s.topic);
    const [[, seqRaw], [, entries]] = (await cmd.multi().get(k.seq).lrange(k.log, 0, -1).exec()) as [[unknown, string | null], [unknown, string[]]];
    const seq = Number(seqRaw ?? 0);
    const log = entries.map((x) => decodeEvent(x) as ChangeEvent);
    const oldest = log[0]?.id ?? seq + 1;
    if (s.last > seq || s.last < oldest - 1) {
      s.deliver({ action: 'resync', id: seq, topic: s.topic, since: s.last });
      return;
    }
    for (const e of log) if (e.id > s.last) s.deliver(e);
  }

  function offer(s: Sub, e: ChangeEvent): Promise<void> {
    if (s.closed || e.id <= s.last) return Promise.resolve();
    if (e.id === s.last + 1) {
      s.deliver(e);
      return Promise.resolve();
    }
    return fill(s).then(() => {
      if (e.id > s.last) s.deliver(e);
    });
  }

  listen.on('message', (channel: string, text: string) => {
    const topic = channel.slice(prefix.length + 4);
    const set = subs.get(topic);
    if (!set) return;
    const e = decodeEvent(text) as ChangeEvent;
    for (const s of set) s.chain = s.chain.then(() => offer(s, e)).catch(() => {});
  });
  listen.on('ready', () => {
    // After a reconnect (ioredis has resubscribed), whatever was published meanwhile is in the log.
    if (!connectedOnce) {
      connectedOnce = true;
      return;
    }
    for (const set of subs.values()) for (const s of set) s.chain = s.chain.then(() => fill(s)).catch(() => {});
  });

  return {
    async publish(topic, change: Change) {
      const k = keys(topic);
      const body = encodeEvent({ topic, ...change });
      const id = await cmd.sbPublish(k.seq, k.log, k.channel, body, size);
      return Object.freeze({ ...change, id: Number(id), topic });
    },
    subscribe(topic, listener, opts: SubscribeOptions = {}): BusSubscription {
      const s = new Sub(topic, listener);
      let set = subs.get(topic);
      if (!set) {
        set = new Set();
        subs.set(topic, set);
      }
      set.add(s);
      const k = keys(topic);
      let channel = channels.get(topic);
      if (!channel) {
        channel = listen.subscribe(k.channel);
        channels.set(topic, channel);
      }
      const subscribed = channel;
      // Live messages wait behind the start: subscribe, then read where the log stands.
      s.chain = (async () => {
        await subscribed;
        if (opts.since !== undefined) {
          s.last = opts.since;
          await fill(s);
        } else s.last = Number((await cmd.get(k.seq)) ?? 0);
      })();
      const ready = s.chain;
      s.chain = s.chain.catch(() => {});
      return {
        ready,
        close() {
          if (s.closed) return;
          s.closed = true;
          set.delete(s);
          if (set.size === 0 && subs.get(topic) === set) {
            subs.delete(topic);
            channels.delete(topic);
            void listen.unsubscribe(k.channel).catch(() => {});
          }
        },
      };
    },
    async close() {
      for (const set of subs.values()) for (const s of set) s.closed = true;
      subs.clear();
      listen.disconnect();
      cmd.disconnect();
    },
  };
}
