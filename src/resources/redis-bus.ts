/**
 * The bus across processes, on Redis through ioredis. One Lua script numbers (or, given the
 * store log's id, takes that id), logs and publishes each event atomically (`INCR`, `RPUSH` +
 * `LTRIM`, `PUBLISH`), so without a store log the publication order is the id order whichever
 * process publishes.
 *
 * With a store's change log (`replay`), Redis only carries notifications: the subscriber's
 * catch-up, gap filling (an event past the next expected id: another process's publication
 * overtook an earlier one, or messages were lost while the connection was down) and the
 * catch-up after every reconnect read the store's log (`bus-replay.ts`). A Redis that restarts
 * empty then costs nothing: the store still has every event.
 *
 * Without one, a subscriber fills gaps and catches up after every reconnect from Redis' log;
 * what that log no longer holds is a `resync` event. Duplicates are dropped by id, and by
 * each publication's own uid (a publication Redis ran whose answer the dropped connection lost
 * is sent again by ioredis, and would otherwise come twice under two ids).
 *
 * While Redis is away, publications wait in order (at most `outbox` of them; past that they are
 * dropped, and once Redis is back the last dropped one is published again (with a store log: its
 * subscribers fill the rest from the log) or, without a store log, a `resync` in their place),
 * so a write never waits for Redis and a change is never lost without a word. A Redis that comes
 * back without its data (no persistence) has a new epoch: subscribers without a store log get a
 * `resync`, and bus-numbered ids go on above the last one each process saw.
 */
import { randomUUID } from 'node:crypto';
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
import { ReplayCursor } from './bus-replay.ts';
import type { ChangeLog } from './change-log.ts';
import type { Row } from './store.ts';

export interface RedisBusOptions {
  /** e.g. `redis://127.0.0.1:6379`. */
  url: string;
  /** Prefix of every key and channel (default `sb`); buses sharing one see each other. */
  prefix?: string;
  /** Events kept per topic (default 1000). */
  logSize?: number;
  /** Publications waiting for Redis at most (default 10 000); past it they become one `resync`. */
  outbox?: number;
  /** This process's name in Redis' CLIENT LIST (connections `<name>:publish`, `<name>:listen`); default: the prefix. */
  name?: string;
  /** More ioredis options. */
  redis?: RedisOptions;
}

// KEYS: seq, log, channel, epoch. ARGV: the event's JSON (an object, after its `{`), log size,
// a new epoch (used when Redis has none), the highest id this process saw, the store log's id
// (0: none, Redis numbers it).
const PUBLISH = `
local ep = redis.call('GET', KEYS[4])
if not ep then ep = ARGV[3]; redis.call('SET', KEYS[4], ep) end
local id = tonumber(ARGV[5])
if id > 0 then
  if tonumber(redis.call('GET', KEYS[1]) or '0') < id then redis.call('SET', KEYS[1], id) end
else
  id = redis.call('INCR', KEYS[1])
  local floor = tonumber(ARGV[4])
  if id <= floor then id = floor + 1; redis.call('SET', KEYS[1], id) end
end
local msg = '{"id":' .. id .. ',"epoch":"' .. ep .. '",' .. string.sub(ARGV[1], 2)
redis.call('RPUSH', KEYS[2], msg)
redis.call('LTRIM', KEYS[2], -tonumber(ARGV[2]), -1)
redis.call('PUBLISH', KEYS[3], msg)
return {id, ep}`;

// KEYS: seq, log, epoch. ARGV: a new epoch, '1' for the log too, the highest id this process saw
// (a Redis that forgot its ids is raised to it, so that every process's next id is above it).
// Where the topic stands: epoch, last id, the log.
const STATE = `
local ep = redis.call('GET', KEYS[3])
if not ep then ep = ARGV[1]; redis.call('SET', KEYS[3], ep) end
local seq = tonumber(redis.call('GET', KEYS[1]) or '0')
local floor = tonumber(ARGV[3])
if seq < floor then seq = floor; redis.call('SET', KEYS[1], seq) end
local log = {}
if ARGV[2] == '1' then log = redis.call('LRANGE', KEYS[2], 0, -1) end
return {ep, tostring(seq), log}`;

type Publisher = Redis & {
  sbPublish(
    seq: string,
    log: string,
    channel: string,
    epoch: string,
    body: string,
    size: number,
    newEpoch: string,
    floor: number,
    given: number,
  ): Promise<[number, string]>;
  sbState(seq: string, log: string, epoch: string, newEpoch: string, withLog: '0' | '1', floor: number): Promise<[string, string, string[]]>;
};

/** An event as it travels: a change or a resync marker, with the epoch and the publication's uid. */
interface Wire {
  readonly id: number;
  readonly epoch: string;
  readonly uid: string;
  readonly topic: string;
  readonly action: BusEvent['action'];
  readonly pk?: ChangeEvent['pk'];
  readonly data?: Row;
  readonly previous?: Row;
}

/** Publication uids remembered per topic against resent publications. */
const RECENT = 4096;

/** Per topic: the id each recent publication uid got first; the same uid under another id is a resend. */
class Resends {
  private readonly first = new Map<string, number>();
  isResend(w: Wire): boolean {
    const id = this.first.get(w.uid);
    if (id !== undefined) return id !== w.id;
    this.first.set(w.uid, w.id);
    if (this.first.size > RECENT) this.first.delete(this.first.keys().next().value!);
    return false;
  }
}

/** A change's wire form as the event it is. */
function toChange(w: Wire): ChangeEvent {
  return w.previous === undefined
    ? { action: w.action as ChangeEvent['action'], pk: w.pk!, data: w.data!, id: w.id, topic: w.topic }
    : { action: w.action as ChangeEvent['action'], pk: w.pk!, data: w.data!, previous: w.previous, id: w.id, topic: w.topic };
}

class Sub {
  last = 0;
  epoch: string | undefined;
  chain: Promise<void> = Promise.resolve();
  closed = false;
  constructor(
    readonly topic: string,
    readonly listener: Listener,
    private readonly resends: Resends,
  ) {}
  /** Hands an event to the listener (unless it is a publication already delivered). */
  deliver(w: Wire | { readonly id: number; readonly resync: { readonly since: number } }): void {
    if (this.closed) return;
    this.last = w.id;
    let e: BusEvent;
    if ('resync' in w) e = { action: 'resync', id: w.id, topic: this.topic, since: w.resync.since };
    else {
      if (this.resends.isResend(w)) return;
      e =
        w.action === 'resync'
          ? { action: 'resync', id: w.id, topic: this.topic, since: w.id - 1 }
          : w.previous === undefined
            ? { action: w.action, pk: w.pk!, data: w.data!, id: w.id, topic: this.topic }
            : { action: w.action, pk: w.pk!, data: w.data!, previous: w.previous, id: w.id, topic: this.topic };
    }
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
  const outboxMax = o.outbox ?? 10_000;
  // Commands wait for a reconnect however long it takes (the outbox bounds how many).
  const cmd = new Redis(o.url, { connectionName: `${o.name ?? prefix}:publish`, maxRetriesPerRequest: null, ...o.redis }) as Publisher;
  cmd.defineCommand('sbPublish', { numberOfKeys: 4, lua: PUBLISH });
  cmd.defineCommand('sbState', { numberOfKeys: 3, lua: STATE });
  const listen = new Redis(o.url, { connectionName: `${o.name ?? prefix}:listen`, ...o.redis });
  // Errors surface as failed calls; a dropped connection reconnects by itself.
  cmd.on('error', () => {});
  listen.on('error', () => {});
  const epochKey = `${prefix}:epoch`;
  const keys = (topic: string) => ({ seq: `${prefix}:seq:${topic}`, log: `${prefix}:log:${topic}`, channel: `${prefix}:ch:${topic}` });
  const subs = new Map<string, Set<Sub>>();
  /** Subscriptions that replay from a store's change log. */
  const replays = new Map<string, Set<ReplayCursor>>();
  const resends = new Map<string, Resends>();
  const resendsOf = (topic: string): Resends => {
    let r = resends.get(topic);
    if (!r) {
      r = new Resends();
      resends.set(topic, r);
    }
    return r;
  };
  /** Each topic's channel subscription, shared by its subscribers. */
  const channels = new Map<string, Promise<unknown>>();
  /** The highest id this process saw per topic: where ids go on if Redis forgot them. */
  const known = new Map<string, number>();
  const saw = (topic: string, id: number) => {
    if (id > (known.get(topic) ?? 0)) known.set(topic, id);
  };
  let connectedOnce = false;
  let closed = false;

  /** Delivers what the log holds after `s.last`, or a resync when it no longer reaches back (or Redis lost it). */
  async function fill(s: Sub): Promise<void> {
    const k = keys(s.topic);
    const [epoch, seqRaw, entries] = await cmd.sbState(k.seq, k.log, epochKey, randomUUID(), '1', known.get(s.topic) ?? 0);
    const seq = Number(seqRaw);
    saw(s.topic, seq);
    if (s.epoch !== undefined && s.epoch !== epoch) {
      s.epoch = epoch;
      s.deliver({ id: seq, resync: { since: s.last } });
      return;
    }
    s.epoch = epoch;
    const log = entries.map((x) => decodeEvent(x) as Wire);
    const oldest = log[0]?.id ?? seq + 1;
    if (s.last > seq || s.last < oldest - 1) {
      s.deliver({ id: seq, resync: { since: s.last } });
      return;
    }
    for (const e of log) if (e.id > s.last) s.deliver(e);
  }

  function offer(s: Sub, e: Wire): Promise<void> {
    if (s.closed) return Promise.resolve();
    if (e.epoch === s.epoch) {
      if (e.id <= s.last) return Promise.resolve();
      if (e.id === s.last + 1) {
        s.deliver(e);
        return Promise.resolve();
      }
    }
    // A gap, or another epoch: the log says what came between (or that it is gone).
    return fill(s).then(() => {
      if (e.epoch === s.epoch && e.id > s.last) s.deliver(e);
    });
  }

  /** Queues work for a subscription, in order; one that fails is tried again at the next reconnect. */
  function queue(s: Sub, work: () => Promise<void>): void {
    s.chain = s.chain.then(work).catch(() => {
      if (!s.closed) stale.add(s);
    });
  }
  const stale = new Set<Sub>();

  listen.on('message', (channel: string, text: string) => {
    const topic = channel.slice(prefix.length + 4);
    const set = subs.get(topic);
    const cursors = replays.get(topic);
    if (!set && !cursors) return;
    const e = decodeEvent(text) as Wire;
    saw(topic, e.id);
    if (set) for (const s of set) queue(s, () => offer(s, e));
    if (cursors) {
      const change = e.action === 'resync' ? undefined : toChange(e);
      for (const c of cursors)
        if (change) c.offer(change);
        else c.catchUp();
    }
  });
  listen.on('ready', () => {
    // After a reconnect (ioredis has resubscribed), whatever was published meanwhile is in the log.
    if (!connectedOnce) {
      connectedOnce = true;
      return;
    }
    // A round trip on this connection first: its SUBSCRIBEs are in force once PING answers.
    const live = listen.ping().catch(() => {});
    for (const cursors of replays.values()) for (const c of cursors) c.catchUp(live);
    for (const set of subs.values())
      for (const s of set) {
        stale.delete(s);
        queue(s, () => live.then(() => fill(s)));
      }
  });
  cmd.on('ready', () => {
    for (const s of stale) {
      stale.delete(s);
      queue(s, () => fill(s));
    }
  });

  // -- publishing: in call order, at most `outboxMax` waiting; the excess becomes a resync marker.
  let inFlight = 0;
  /**
   * Topics whose publications were dropped, each with the last dropped one if it had a store log's
   * id (published again once there is room: its subscribers fill the rest from the log), else
   * null (a resync marker stands for them).
   */
  const dropped = new Map<string, { change: Change; id: number } | null>();
  function send(topic: string, body: Record<string, unknown>, given = 0): Promise<[number, string]> {
    const k = keys(topic);
    inFlight++;
    return cmd
      .sbPublish(k.seq, k.log, k.channel, epochKey, encodeEvent({ uid: randomUUID(), topic, ...body }), size, randomUUID(), known.get(topic) ?? 0, given)
      .then(([id, epoch]) => {
        saw(topic, Number(id));
        return [Number(id), epoch] as [number, string];
      })
      .finally(() => {
        inFlight--;
        markDropped();
      });
  }
  function markDropped(): void {
    for (const [topic, last] of dropped) {
      if (closed || inFlight >= outboxMax) return;
      dropped.delete(topic);
      const again = last ? send(topic, { ...last.change }, last.id) : send(topic, { action: 'resync' });
      void again.catch(() => {
        if (!dropped.has(topic)) dropped.set(topic, last);
      });
    }
  }

  /** The topic's channel subscription, made by its first subscriber. */
  function channelOf(topic: string): Promise<unknown> {
    let channel = channels.get(topic);
    if (!channel) {
      channel = listen.subscribe(keys(topic).channel);
      channels.set(topic, channel);
    }
    return channel;
  }
  /** Unsubscribes the topic's channel once no subscription of either kind needs it. */
  function release(topic: string): void {
    if (subs.has(topic) || replays.has(topic) || !channels.has(topic)) return;
    channels.delete(topic);
    void listen.unsubscribe(keys(topic).channel).catch(() => {});
  }
  /** A subscription fed from a store's change log: Redis' messages only say that something committed. */
  function subscribeReplay(topic: string, listener: Listener, since: number | undefined, log: ChangeLog): BusSubscription {
    const cursor = new ReplayCursor(topic, log, listener);
    let set = replays.get(topic);
    if (!set) {
      set = new Set();
      replays.set(topic, set);
    }
    set.add(cursor);
    const mine = set;
    // Subscribed first, then caught up from the log: nothing committed between is missed.
    const ready = channelOf(topic).then(() => cursor.start(since));
    let done = false;
    return {
      ready,
      close() {
        if (done) return;
        done = true;
        cursor.close();
        mine.delete(cursor);
        if (mine.size === 0 && replays.get(topic) === mine) {
          replays.delete(topic);
          release(topic);
        }
      },
    };
  }

  return {
    publish(topic, change: Change, given?: number) {
      if (closed) return Promise.reject(new Error('the Redis bus is closed'));
      if (inFlight >= outboxMax) {
        // Without an id a resync stands for it; a later id's publication stands for an earlier one.
        const was = dropped.get(topic);
        if (given === undefined || was === null) dropped.set(topic, null);
        else if (was === undefined || was.id < given) dropped.set(topic, { change, id: given });
        return Promise.reject(new Error(`the Redis bus has ${outboxMax} publications waiting; this one becomes a resync`));
      }
      markDropped();
      return send(topic, { ...change }, given ?? 0).then(([id]) => Object.freeze({ ...change, id, topic }));
    },
    subscribe(topic, listener, opts: SubscribeOptions = {}): BusSubscription {
      if (opts.replay) return subscribeReplay(topic, listener, opts.since, opts.replay);
      const s = new Sub(topic, listener, resendsOf(topic));
      let set = subs.get(topic);
      if (!set) {
        set = new Set();
        subs.set(topic, set);
      }
      set.add(s);
      const k = keys(topic);
      const subscribed = channelOf(topic);
      // Live messages wait behind the start: subscribe, then read where the log stands.
      s.chain = (async () => {
        await subscribed;
        if (opts.since !== undefined) {
          s.last = opts.since;
          await fill(s);
        } else {
          const [epoch, seq] = await cmd.sbState(k.seq, k.log, epochKey, randomUUID(), '0', known.get(topic) ?? 0);
          s.epoch = epoch;
          s.last = Number(seq);
        }
      })();
      const ready = s.chain;
      s.chain = s.chain.catch(() => {
        if (!s.closed) stale.add(s);
      });
      return {
        ready,
        close() {
          if (s.closed) return;
          s.closed = true;
          stale.delete(s);
          set.delete(s);
          if (set.size === 0 && subs.get(topic) === set) {
            subs.delete(topic);
            resends.delete(topic);
            release(topic);
          }
        },
      };
    },
    async close() {
      closed = true;
      for (const set of subs.values()) for (const s of set) s.closed = true;
      for (const cursors of replays.values()) for (const c of cursors) c.close();
      subs.clear();
      replays.clear();
      stale.clear();
      listen.disconnect();
      cmd.disconnect();
    },
  };
}
