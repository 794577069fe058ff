/**
 * `switchboard serve --workers 2`: two real server processes on one port, sharing one
 * PostgreSQL database and one Redis. Connections alternate between the workers, so of writes
 * made on fresh connections some land on the process that does not hold the subscriber's
 * stream — and every one of them still reaches it.
 */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import pg from 'pg';
import { type Child, run } from './helpers/spawn.ts';
import { SseReader } from './helpers/sse.ts';

const PG_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A POST on a connection of its own (no keep-alive), so the kernel picks a worker for it. */
function postFresh(url: string, body: unknown): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', connection: 'close' } }, (res) => {
      res.resume();
      res.once('end', () => resolve(res.statusCode ?? 0));
    });
    req.once('error', reject);
    req.end(JSON.stringify(body));
  });
}

function getFresh(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false, headers: { connection: 'close' } }, (res) => {
      res.resume();
      res.once('end', () => resolve(res.statusCode ?? 0));
    });
    req.once('error', reject);
    req.end();
  });
}

describe('switchboard serve --workers 2 (PostgreSQL and Redis shared)', () => {
  const prefix = `sbworkers_${process.pid.toString(36)}${Date.now().toString(36)}`;
  let child: Child | undefined;
  after(async () => {
    if (child?.proc.pid !== undefined) {
      process.kill(-child.proc.pid, 'SIGTERM');
      await child.exited();
    }
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    const db = new pg.Client({ connectionString: PG_URL });
    await db.connect();
    await db.query(`drop table if exists ${prefix}_question, ${prefix}_user`);
    await db.end();
  });

  it('two processes serve one port; writes through either reach a subscriber of one', async () => {
    // The first process creates the tables before the others start racing for them.
    const setup = run(
      'node',
      ['bin/switchboard.js', 'serve', 'examples/polls/main.ts', '--port', '0', '--quiet'],
      { DATABASE_URL: PG_URL, REDIS_URL, POLLS_PREFIX: prefix },
      true,
    );
    const [, url0] = await setup.waitFor(/at (http:\/\/[^/\s]+)\//, 'stdout', 30_000);
    // Not through fetch: its pooled keep-alive socket to this port would outlive the process,
    // and the next server may be given the same port number (a reset on first use).
    assert.equal(await getFresh(`${url0}/polls/questions?limit=0`), 200);
    process.kill(-setup.proc.pid!, 'SIGTERM');
    await setup.exited();

    child = run(
      'node',
      ['bin/switchboard.js', 'serve', 'examples/polls/main.ts', '--port', '0', '--quiet', '--workers', '2'],
      { DATABASE_URL: PG_URL, REDIS_URL, POLLS_PREFIX: prefix },
      true,
    );
    const [, pids] = await child.waitFor(/2 workers \(pids (\d+, \d+)\)/, 'stdout', 30_000);
    assert.equal(new Set(pids!.split(', ')).size, 2);
    await child.waitFor(/serving polls at http[\s\S]*serving polls at (http:\/\/[^/\s]+)\//, 'stdout', 30_000);
    const url = /serving polls at (http:\/\/[^/\s]+)\//.exec(child.stdout)![1]!;

    const ctl = new AbortController();
    try {
      const res = await fetch(`${url}/polls/questions/changes?since=0`, { headers: { accept: 'text/event-stream' }, signal: ctl.signal });
      assert.equal(res.status, 200);
      const sse = new SseReader(res);
      const n = 6;
      for (let i = 0; i < n; i++) assert.equal(await postFresh(`${url}/polls/questions`, { question_text: `q${i}` }), 201);
      const events = await sse.take(n);
      assert.deepEqual(
        events.map((e) => (e.data as { data: { question_text: string } }).data.question_text),
        Array.from({ length: n }, (_, i) => `q${i}`),
      );
    } finally {
      ctl.abort();
    }
  });
});
