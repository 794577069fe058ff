/**
 * Two app instances, as two server processes would be: two stores on one PostgreSQL database
 * and two buses on one Redis. A change made through one reaches a subscriber of the other, and
 * a subscriber that comes back to the other instance with its last event id misses nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { pollsApp } from '../examples/polls/app.ts';
import { createApp } from '../src/index.ts';
import { type Running, serve } from '../src/servers/node/index.ts';
import { call, postJson } from './helpers/http.ts';
import { SseReader } from './helpers/sse.ts';

const PG_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('two instances, one PostgreSQL, one Redis', () => {
  const prefix = `sbscale_${process.pid.toString(36)}${Date.now().toString(36)}`;
  const instances: { app: ReturnType<typeof pollsApp>; running: Running; base: string }[] = [];
  before(async () => {
    // One after the other: the first creates the tables, the second finds them.
    for (let i = 0; i < 2; i++) {
      const app = pollsApp({ database: PG_URL, redis: REDIS_URL, prefix });
      await app.ready();
      const running = await serve(createApp(app.api), { port: 0, host: '127.0.0.1' });
      instances.push({ app, running, base: `${running.url}/polls` });
    }
  });
  after(async () => {
    for (const i of instances) {
      await i.running.close();
      await i.app.close();
    }
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('a write through A reaches a subscriber of B; B reads it from the shared store; a resumed subscriber of A gets what it missed', async () => {
    const [a, b] = instances as [(typeof instances)[0], (typeof instances)[0]];
    const ctl = new AbortController();
    try {
      // since=0: everything of this (fresh) topic, so nothing depends on when B's subscription is ready.
      const res = await fetch(`${b.base}/questions/changes?since=0`, { headers: { accept: 'text/event-stream' }, signal: ctl.signal });
      assert.equal(res.status, 200);
      const sse = new SseReader(res);
      const created = (await postJson(`${a.base}/questions`, { question_text: 'Seen from B?' })).json as { id: number };
      const [event] = await sse.take(1);
      assert.deepEqual(event!.data, { action: 'created', pk: created.id, data: { id: created.id, question_text: 'Seen from B?' } });
      assert.deepEqual((await call(`${b.base}/questions/${created.id}`)).json, created);

      // Through B now; a subscriber of A resumes after the created event and gets the update.
      await call(`${b.base}/questions/${created.id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: '{"question_text":"Changed on B"}',
      });
      const [next] = await sse.take(1);
      assert.equal((next!.data as { action: string }).action, 'updated');
      const resumed = await fetch(`${a.base}/questions/changes`, {
        headers: { accept: 'text/event-stream', 'last-event-id': String(event!.id) },
        signal: ctl.signal,
      });
      const [missed] = await new SseReader(resumed).take(1);
      assert.deepEqual(missed, next);
    } finally {
      ctl.abort();
    }
  });
});
