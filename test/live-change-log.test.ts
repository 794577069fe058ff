/**
 * Issue 13's "the store's change log", for real: two server processes (`switchboard serve`) on
 * one PostgreSQL database and one private Redis. Event ids and replay come from the store's log
 * (`sb_changes`), so a Redis emptied by FLUSHALL, or killed and started again without its data,
 * costs no resync; an SSE client coming back with `Last-Event-ID` gets exactly what it missed;
 * only a `since` older than the log's start gives one `resync`; and writes from two processes
 * to one topic reach a subscriber as ids 1..N, in order, each once.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import pg from 'pg';
import { Events, type Seen, dropPolls, send, server } from './helpers/live-polls.ts';
import { type PrivateRedis, privateRedis } from './helpers/redis-server.ts';
import { type Child, reap } from './helpers/spawn.ts';
import { SseReader } from './helpers/sse.ts';

const PG_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

describe('the store change log: two server processes, one PostgreSQL, one Redis', () => {
  const children: Child[] = [];
  const redises: PrivateRedis[] = [];
  const prefixes: string[] = [];
  after(async () => {
    for (const c of children) reap(c, true);
    await Promise.all(children.map((c) => c.exited().catch(() => {})));
    for (const r of redises) await r.dispose();
    await dropPolls(PG_URL, prefixes);
  });

  /** A private Redis (never the shared one: it is flushed and killed) and two processes on it. */
  async function setup(tag: string): Promise<{ a: string; b: string; redis: PrivateRedis; prefix: string }> {
    const redis = await privateRedis(false);
    redises.push(redis);
    await redis.start();
    const prefix = `sblog_${tag}${process.pid.toString(36)}${Date.now().toString(36)}`;
    prefixes.push(prefix);
    const env = { DATABASE_URL: PG_URL, REDIS_URL: redis.url, POLLS_PREFIX: prefix };
    // One after the other: the first creates the tables.
    const a = await server(env, children);
    const b = await server(env, children);
    return { a, b, redis, prefix };
  }

  /** An SSE stream of question changes through `base`, from `since` or a `Last-Event-ID`. */
  async function stream(base: string, from: { since?: number; lastEventId?: number }, signal: AbortSignal): Promise<Events> {
    const headers: Record<string, string> = { accept: 'text/event-stream' };
    if (from.lastEventId !== undefined) headers['last-event-id'] = String(from.lastEventId);
    const query = from.since === undefined ? '' : `?since=${from.since}`;
    const res = await fetch(`${base}/questions/changes${query}`, { headers, signal });
    assert.equal(res.status, 200);
    return new Events(new SseReader(res));
  }

  const create = async (base: string, text: string) => assert.equal((await send(`${base}/questions`, 'POST', { question_text: text })).status, 201);

  async function take(events: Events, n: number, what: string): Promise<Seen[]> {
    const out: Seen[] = [];
    while (out.length < n) out.push(await events.next(`${what} (${out.length} of ${n})`));
    return out;
  }

  it('FLUSHALL, an SSE reconnect with Last-Event-ID and a Redis restarted empty: every event exactly once, no resync', async () => {
    const { a, b, redis } = await setup('f');
    const admin = new Redis(redis.url, { maxRetriesPerRequest: null });
    admin.on('error', () => {});
    const seen: Seen[] = [];
    const texts: string[] = [];
    const write = async (n: number) => {
      for (let i = 0; i < n; i++) {
        texts.push(`q${texts.length}`);
        await create(a, texts.at(-1)!);
      }
    };
    try {
      const first = new AbortController();
      let events = await stream(b, { since: 0 }, first.signal);
      await write(3);
      seen.push(...(await take(events, 3, 'the first changes')));
      // Redis forgets its ids and logs: the store still numbers and holds every event.
      await admin.flushall();
      await write(3);
      seen.push(...(await take(events, 3, 'the changes after FLUSHALL')));
      // The client goes away; what is written meanwhile comes when it is back with its last id.
      first.abort();
      await write(3);
      const second = new AbortController();
      try {
        events = await stream(b, { lastEventId: seen.at(-1)!.id }, second.signal);
        seen.push(...(await take(events, 3, 'what the client missed')));
        // Redis killed (no persistence: it comes back empty); writes made meanwhile are not lost.
        await redis.kill();
        await write(2);
        await redis.start();
        await write(2);
        seen.push(...(await take(events, 4, 'the changes around the restart')));
      } finally {
        second.abort();
      }
    } finally {
      admin.disconnect();
    }
    assert.deepEqual(
      seen.map((e) => e.action),
      texts.map(() => 'created'),
      `no resync: ${JSON.stringify(seen)}`,
    );
    assert.deepEqual(
      seen.map((e) => e.text),
      texts,
      'every change once, in order',
    );
    assert.deepEqual(
      seen.map((e) => e.id),
      texts.map((_, i) => i + 1),
      'the log ids, contiguous',
    );
  });

  it('a since older than the log start: exactly one resync first, then the live changes', async () => {
    const { a, b, prefix } = await setup('s');
    for (let i = 0; i < 5; i++) await create(a, `old${i}`);
    // The log moved on (as its bound would move it): it now starts at id 4.
    const db = new pg.Client({ connectionString: PG_URL });
    await db.connect();
    try {
      const r = await db.query('delete from sb_changes where log = $1 and id <= 3', [`${prefix}_question:question`]);
      assert.equal(r.rowCount, 3);
    } finally {
      await db.end();
    }
    const ctl = new AbortController();
    try {
      const old = await stream(b, { since: 1 }, ctl.signal);
      const [resync] = await take(old, 1, 'the resync');
      assert.deepEqual(resync, { id: 5, action: 'resync', text: undefined });
      await create(a, 'new');
      assert.deepEqual(await old.next('the live change'), { id: 6, action: 'created', text: 'new' });
      // Within the log: no resync.
      const recent = await stream(b, { since: 3 }, ctl.signal);
      assert.deepEqual(
        (await take(recent, 3, 'the changes after 3')).map((e) => [e.id, e.action]),
        [
          [4, 'created'],
          [5, 'created'],
          [6, 'created'],
        ],
      );
    } finally {
      ctl.abort();
    }
  });

  it('concurrent writes from both processes to one topic: the subscriber gets ids 1..N in order, each once', async () => {
    const { a, b } = await setup('c');
    const ctl = new AbortController();
    const n = 40;
    try {
      const events = await stream(b, { since: 0 }, ctl.signal);
      const texts = Array.from({ length: n }, (_, i) => `c${i}`);
      // Eight writers at a time, alternating between the processes.
      for (let i = 0; i < n; i += 8) await Promise.all(texts.slice(i, i + 8).map((text, k) => create((i + k) % 2 === 0 ? a : b, text)));
      const seen = await take(events, n, 'the concurrent changes');
      assert.deepEqual(
        seen.map((e) => e.id),
        texts.map((_, i) => i + 1),
      );
      assert.deepEqual(new Set(seen.map((e) => e.text)), new Set(texts));
      assert.ok(seen.every((e) => e.action === 'created'));
      // Each event is its row as committed (row keys are given at insert, log ids at commit: their orders may differ).
      const page = (await send(`${a}/questions?limit=100&ordering=id`, 'GET')).json as { results: { question_text: string }[] };
      assert.deepEqual(new Set(page.results.map((r) => r.question_text)), new Set(texts));
    } finally {
      ctl.abort();
    }
  });
});
