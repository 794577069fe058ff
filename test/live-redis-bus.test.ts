/**
 * The Redis bus's failure cases against a private redis-server (never the shared one): a full
 * outbox while Redis is away becomes one resync, a publication Redis ran twice (ioredis resends
 * a command whose answer a dropped connection lost) is delivered once, and a Redis that comes
 * back empty is announced with a resync while later ids go on above the old ones.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { collector } from '../src/resources/bus.conformance.ts';
import { redisBus } from '../src/resources/redis-bus.ts';
import { type PrivateRedis, privateRedis } from './helpers/redis-server.ts';

const change = (n: number) => ({ action: 'created' as const, pk: n, data: { id: n } });
const summary = (e: { action: string; pk?: unknown }) => (e.action === 'resync' ? 'resync' : e.pk);

describe('the Redis bus when Redis goes away', () => {
  const servers: PrivateRedis[] = [];
  after(async () => {
    for (const s of servers) await s.dispose();
  });
  const server = async (persist: boolean) => {
    const s = await privateRedis(persist);
    servers.push(s);
    await s.start();
    return s;
  };

  it('publications wait for Redis in order; past the outbox they are dropped and one resync stands for them', async () => {
    const redis = await server(true);
    const a = redisBus({ url: redis.url, prefix: 'o', outbox: 2 });
    const b = redisBus({ url: redis.url, prefix: 'o' });
    try {
      const c = collector();
      const s = b.subscribe('q', c.listener);
      await s.ready;
      await a.publish('q', change(1));
      await c.until(1);
      await redis.kill();
      const waiting = [a.publish('q', change(2)), a.publish('q', change(3))];
      // The outbox is full: these are refused at once, and remembered as a loss.
      await assert.rejects(a.publish('q', change(4)), /publications waiting/);
      await assert.rejects(a.publish('q', change(5)), /publications waiting/);
      await redis.start();
      await Promise.all(waiting);
      await c.until(4);
      assert.deepEqual(c.got.map(summary), [1, 2, 3, 'resync']);
      s.close();
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('a publication Redis ran twice (a resent command) is delivered once', async () => {
    const redis = await server(true);
    const a = redisBus({ url: redis.url, prefix: 'r' });
    const b = redisBus({ url: redis.url, prefix: 'r' });
    const raw = new Redis(redis.url);
    try {
      const c = collector();
      const s = b.subscribe('q', c.listener);
      await s.ready;
      await a.publish('q', change(1));
      await c.until(1);
      // What a resend does: the same publication (its uid) numbered, logged and published again.
      const [entry] = await raw.lrange('r:log:q', -1, -1);
      const id = await raw.incr('r:seq:q');
      const again = entry!.replace(/^\{"id":\d+,/, `{"id":${id},`);
      await raw.rpush('r:log:q', again);
      await raw.publish('r:ch:q', again);
      await a.publish('q', change(2));
      await c.until(2);
      assert.deepEqual(c.got.map(summary), [1, 2]);
      // A subscriber replaying the log sees it once too.
      const d = collector();
      const s2 = b.subscribe('q', d.listener, { since: 0 });
      await s2.ready;
      assert.deepEqual(d.got.map(summary), [1, 2]);
      s.close();
      s2.close();
    } finally {
      raw.disconnect();
      await a.close();
      await b.close();
    }
  });

  it('a Redis back without its data: one resync, then ids above the old ones', async () => {
    const redis = await server(false);
    const a = redisBus({ url: redis.url, prefix: 'e' });
    const b = redisBus({ url: redis.url, prefix: 'e' });
    try {
      const c = collector();
      const s = b.subscribe('q', c.listener);
      await s.ready;
      for (let i = 1; i <= 3; i++) await a.publish('q', change(i));
      await c.until(3);
      await redis.kill();
      await redis.start();
      const next = await a.publish('q', change(4));
      assert.ok(next.id > 3, `ids go on: ${next.id}`);
      await c.until(4);
      // The resync comes first; it stands for change 4 too when that is what revealed the new epoch.
      assert.deepEqual(c.got.slice(0, 4).map(summary), [1, 2, 3, 'resync']);
      const after = await a.publish('q', change(5));
      assert.ok(after.id > next.id);
      while (!c.got.some((e) => summary(e) === 5)) await c.until(c.got.length + 1);
      // Each once: 4 (unless the resync stood for it), then 5.
      assert.ok(['1,2,3,resync,5', '1,2,3,resync,4,5'].includes(c.got.map(summary).join()), JSON.stringify(c.got));
      s.close();
    } finally {
      await a.close();
      await b.close();
    }
  });
});
