import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { busConformance, busReplayConformance, collector } from './bus.conformance.ts';
import type { ChangeEvent } from './bus.ts';
import { MemoryChangeLog } from './memory-change-log.ts';
import { redisBus } from './redis-bus.ts';

/** The machine's Redis; the tests fail, never skip, when it is down. */
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const run = `sbtest:${process.pid.toString(36)}${Date.now().toString(36)}`;
let n = 0;

async function cleanup(prefix: string): Promise<void> {
  const r = new Redis(REDIS_URL);
  const keys = await r.keys(`${prefix}:*`);
  if (keys.length > 0) await r.del(...keys);
  r.disconnect();
}

// Two buses on one Redis, as two server processes would have.
busConformance('Redis (two buses, one Redis)', async (logSize) => {
  const prefix = `${run}:${++n}`;
  const a = redisBus({ url: REDIS_URL, prefix, logSize });
  const b = redisBus({ url: REDIS_URL, prefix, logSize });
  return {
    a,
    b,
    topic: 'question',
    close: async () => {
      await a.close();
      await b.close();
      await cleanup(prefix);
    },
  };
});

busReplayConformance('Redis (two buses, one Redis)', async (logSize) => {
  const prefix = `${run}:${++n}`;
  const a = redisBus({ url: REDIS_URL, prefix, logSize });
  const b = redisBus({ url: REDIS_URL, prefix, logSize });
  return {
    a,
    b,
    topic: 'question',
    close: async () => {
      await a.close();
      await b.close();
      await cleanup(prefix);
    },
  };
});

describe('Redis bus: the connection drops mid-stream', () => {
  it('resubscribes, fills what it missed from the log, and delivers nothing twice', async () => {
    const prefix = `${run}:drop`;
    const a = redisBus({ url: REDIS_URL, prefix });
    const b = redisBus({ url: REDIS_URL, prefix, name: `${prefix}-b` });
    const admin = new Redis(REDIS_URL);
    try {
      const c = collector();
      const s = b.subscribe('q', c.listener);
      await s.ready;
      await a.publish('q', { action: 'created', pk: 1, data: {} });
      await c.until(1);
      // Cut b's subscriber connection (found by its name), then publish while it is down.
      const clients = ((await admin.client('LIST')) as string).split('\n').filter((l) => l.includes(` name=${prefix}-b:listen `));
      assert.equal(clients.length, 1);
      await admin.client('KILL', 'ID', /\bid=(\d+)/.exec(clients[0]!)![1]!);
      for (let i = 2; i <= 4; i++) await a.publish('q', { action: 'updated', pk: i, data: {} });
      await c.until(4);
      await a.publish('q', { action: 'deleted', pk: 5, data: {} });
      await c.until(5);
      assert.deepEqual(
        c.got.map((e) => (e as { pk: number }).pk),
        [1, 2, 3, 4, 5],
      );
      s.close();
    } finally {
      admin.disconnect();
      await a.close();
      await b.close();
      await cleanup(prefix);
    }
  });
});

describe('Redis bus replaying a store log: Redis forgets, or the connection drops', () => {
  it('an emptied Redis (its keys gone: a new epoch) needs no resync; a dropped connection catches up from the store log', async () => {
    const prefix = `${run}:replay-drop`;
    const a = redisBus({ url: REDIS_URL, prefix });
    const b = redisBus({ url: REDIS_URL, prefix, name: `${prefix}-b` });
    const admin = new Redis(REDIS_URL);
    const log = new MemoryChangeLog();
    await log.topic('q');
    let n = 0;
    const commit = () => log.record([{ action: 'created', pk: ++n, data: { id: n } }])[0]!;
    const send = async (bus: typeof a, e: ChangeEvent) => {
      const { id, topic, ...c } = e;
      await bus.publish(topic, c, id);
    };
    try {
      const c = collector();
      const s = b.subscribe('q', c.listener, { replay: log });
      await s.ready;
      await send(a, commit());
      await c.until(1);
      // This prefix's keys gone, as after a FLUSHALL (the shared Redis is never flushed).
      await cleanup(prefix);
      await send(a, commit());
      await c.until(2);
      // Cut b's subscriber connection, then commit and publish while it is down.
      const clients = ((await admin.client('LIST')) as string).split('\n').filter((l) => l.includes(` name=${prefix}-b:listen `));
      assert.equal(clients.length, 1);
      await admin.client('KILL', 'ID', /\bid=(\d+)/.exec(clients[0]!)![1]!);
      for (let i = 0; i < 3; i++) await send(a, commit());
      await c.until(5);
      await send(a, commit());
      await c.until(6);
      assert.deepEqual(
        c.got.map((e) => (e.action === 'resync' ? 'resync' : e.id)),
        [1, 2, 3, 4, 5, 6],
      );
      s.close();
    } finally {
      admin.disconnect();
      await a.close();
      await b.close();
      await cleanup(prefix);
    }
  });
});
