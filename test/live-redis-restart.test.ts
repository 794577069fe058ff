/**
 * Issue 13's live-data promise, for real: two server processes (`switchboard serve`) on one
 * PostgreSQL database and one Redis — a private redis-server, killed and started again in the
 * middle of a stream. A subscriber holds an SSE stream on process A; the writes go through
 * process B, before, while and after Redis is away. Every change reaches the subscriber exactly
 * once and in order, whether Redis kept its data or not: ids and replay come from the store's
 * change log in PostgreSQL, so a Redis that forgot everything needs no resync.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { Events, type Seen, dropPolls, send, server } from './helpers/live-polls.ts';
import { type PrivateRedis, privateRedis } from './helpers/redis-server.ts';
import { type Child, reap } from './helpers/spawn.ts';
import { SseReader } from './helpers/sse.ts';

const PG_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

describe('two server processes, one PostgreSQL, one Redis restarted mid-stream', () => {
  const children: Child[] = [];
  const redises: PrivateRedis[] = [];
  const prefixes: string[] = [];
  after(async () => {
    for (const c of children) reap(c, true);
    await Promise.all(children.map((c) => c.exited().catch(() => {})));
    for (const r of redises) await r.dispose();
    await dropPolls(PG_URL, prefixes);
  });

  /** Writes `n` questions through B before, `n` while and `n` after Redis is away; returns what A's subscriber saw. */
  async function scenario(persist: boolean, n: number): Promise<{ seen: Seen[]; texts: string[] }> {
    const redis = await privateRedis(persist);
    redises.push(redis);
    await redis.start();
    const prefix = `sblive_${persist ? 'p' : 'v'}${process.pid.toString(36)}${Date.now().toString(36)}`;
    prefixes.push(prefix);
    const env = { DATABASE_URL: PG_URL, REDIS_URL: redis.url, POLLS_PREFIX: prefix };
    // One after the other: the first creates the tables.
    const a = await server(env, children);
    const b = await server(env, children);
    const ctl = new AbortController();
    const texts = Array.from({ length: 3 * n }, (_, i) => `q${i}`);
    const seen: Seen[] = [];
    try {
      const res = await fetch(`${a}/questions/changes?since=0`, { headers: { accept: 'text/event-stream' }, signal: ctl.signal }).catch((err: unknown) => {
        // Say what became of process A (its output, whether it still runs) rather than only "fetch failed".
        const child = children.at(-2)!;
        throw new Error(
          `the subscription to A failed (${String((err as Error).cause ?? err)}); A exited: ${child.proc.exitCode ?? child.proc.signalCode ?? 'no'}\n${child.stdout}\n--- stderr ---\n${child.stderr}`,
        );
      });
      assert.equal(res.status, 200);
      const sse = new Events(new SseReader(res));
      const write = async (i: number) => assert.equal((await send(`${b}/questions`, 'POST', { question_text: texts[i] })).status, 201);
      for (let i = 0; i < n; i++) await write(i);
      while (seen.length < n) seen.push(await sse.next(`the first ${n} changes`));

      await redis.kill();
      // Redis is away: the writes still answer at once (PostgreSQL has them; B's outbox holds their events).
      for (let i = n; i < 2 * n; i++) await write(i);
      await redis.start();
      for (let i = 2 * n; i < 3 * n; i++) await write(i);
      // Then markers, one every few seconds, until one arrives: everything written before it
      // has been delivered by then or stood for by a resync (a marker written before the
      // subscriber's process caught up may be one of those, hence more than one).
      for (let k = 0; k < 10 && !seen.some((e) => e.text?.startsWith('end')); k++) {
        texts.push(`end${k}`);
        await write(texts.length - 1);
        const until = Date.now() + 3_000;
        while (!seen.some((e) => e.text?.startsWith('end')) && Date.now() < until) {
          const e = await sse.next('a marker', until - Date.now()).catch(() => undefined);
          if (e) seen.push(e);
        }
      }
      assert.ok(
        seen.some((e) => e.text?.startsWith('end')),
        `a marker arrives: ${JSON.stringify(seen)}`,
      );
    } finally {
      ctl.abort();
    }
    const page = (await send(`${a}/questions?limit=100&ordering=id`, 'GET')).json as { results: { question_text: string }[] };
    assert.deepEqual(
      page.results.map((r) => r.question_text),
      texts,
      'the store has every write',
    );
    // What the stream is checked against: the writes through the marker that arrived.
    const last = seen.findLast((e) => e.text?.startsWith('end'))!.text!;
    return { seen, texts: texts.slice(0, texts.indexOf(last) + 1) };
  }

  /**
   * In order, never twice, ids increasing, and no silent gap: a change is skipped only where a
   * resync stands between the last one delivered and the next. Returns the changes delivered.
   */
  function orderly(seen: Seen[], texts: string[]): string[] {
    // A resync's id is the latest event's: it may equal the one before it.
    for (let i = 1; i < seen.length; i++) {
      const [before, e] = [seen[i - 1]!, seen[i]!];
      assert.ok(e.action === 'resync' ? e.id >= before.id : e.id > before.id, `event ids increase: ${JSON.stringify(seen)}`);
    }
    const got: string[] = [];
    let next = 0;
    let announced = false;
    for (const e of seen) {
      if (e.action === 'resync') {
        announced = true;
        continue;
      }
      assert.equal(e.action, 'created', JSON.stringify(e));
      const at = texts.indexOf(e.text!);
      assert.ok(at >= next, `${e.text} out of order or twice: ${JSON.stringify(seen)}`);
      if (at > next) assert.ok(announced, `a silent gap before ${e.text}: ${JSON.stringify(seen)}`);
      got.push(e.text!);
      next = at + 1;
      announced = false;
    }
    return got;
  }

  it('Redis keeps its data (append-only file) across a kill: every change exactly once, in order, no resync', async () => {
    const { seen, texts } = await scenario(true, 5);
    assert.deepEqual(orderly(seen, texts), texts);
    assert.deepEqual(
      seen.filter((e) => e.action === 'resync'),
      [],
    );
  });

  it('Redis comes back empty (no persistence): still every change exactly once, in order, no resync (the store log has them)', async () => {
    const { seen, texts } = await scenario(false, 5);
    assert.deepEqual(orderly(seen, texts), texts);
    assert.deepEqual(
      seen.filter((e) => e.action === 'resync'),
      [],
    );
    // The ids are the store log's: contiguous from 1.
    assert.deepEqual(
      seen.map((e) => e.id),
      seen.map((_, i) => i + 1),
    );
  });
});
