/**
 * Floods (`npm run test:floods`, not part of `npm test`): the four of issue 10, each against a
 * fresh server process. Each reports the server's peak resident memory and the time a normal
 * request (`GET /ws/person/get?id=1`) takes while the flood runs, and checks the server stays
 * alive with its memory under 1 GiB. Bounded: fixed client counts, every wait capped.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, fork } from 'node:child_process';
import { type Socket, connect } from 'node:net';
import { describe, it } from 'node:test';
import WebSocket from 'ws';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

interface Server {
  child: ChildProcess;
  url: string;
  port: number;
  rss(): Promise<{ peak: number; now: number; streams: number; queued: number }>;
  alive(): boolean;
  stop(): void;
}

async function startServer(env: Record<string, string> = {}): Promise<Server> {
  const child = fork(new URL('./server.ts', import.meta.url), [], { execArgv: ['--import', 'tsx'], env: { ...process.env, ...env }, stdio: 'inherit' });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start in 60 s')), 60_000);
    child.once('message', (m: { url: string }) => {
      clearTimeout(timer);
      resolve(m.url);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  return {
    child,
    url,
    port: Number(new URL(url).port),
    rss: () =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no rss answer in 30 s')), 30_000);
        child.once('message', (m: { peak: number; now: number; streams: number; queued: number }) => {
          clearTimeout(timer);
          resolve(m);
        });
        child.send({ type: 'rss' });
      }),
    alive: () => !exited,
    stop: () => child.kill(),
  };
}

/** Times normal requests, one after the other, until stopped: their latencies in ms. */
function probe(url: string): { stop(): Promise<number[]> } {
  const times: number[] = [];
  let running = true;
  const loop = (async () => {
    for (let i = 0; i < 100_000 && running; i++) {
      const t0 = performance.now();
      try {
        const r = await fetch(`${url}/ws/person/get?id=1`, { signal: AbortSignal.timeout(10_000) });
        await r.text();
        times.push(performance.now() - t0);
      } catch {
        times.push(Number.POSITIVE_INFINITY);
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return times;
    },
  };
}

function report(name: string, rss: { peak: number }, times: number[], extra = ''): void {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  console.log(
    `# FLOOD ${name}: peak RSS ${(rss.peak / MiB).toFixed(0)} MiB; normal request (n=${times.length}) p50 ${at(0.5).toFixed(1)} ms, p99 ${at(0.99).toFixed(1)} ms, max ${at(1).toFixed(1)} ms${extra}`,
  );
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A raw connection that sends `request` and then reads nothing. */
function silent(port: number, request: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(request);
      socket.pause();
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

async function openMany<T>(n: number, open: () => Promise<T>, batch = 100): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < n; i += batch) out.push(...(await Promise.all(Array.from({ length: Math.min(batch, n - i) }, open))));
  return out;
}

async function create(url: string, lastname: string): Promise<number> {
  const r = await fetch(`${url}/ws/person/create`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ p: { lastname, firstname: 'Big', age: 1, hobbies: [] } }),
  });
  await r.text();
  return r.status;
}

const big = 'x'.repeat(1_000_000);

describe('floods', { concurrency: 1 }, () => {
  it('4,500 SSE watchers that never read, then one create with a 1,000,000-character lastname', async () => {
    const s = await startServer();
    try {
      const sockets = await openMany(4500, () => silent(s.port, 'GET /ws/person/watch HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n'));
      await sleep(500);
      const p = probe(s.url);
      await sleep(300);
      assert.equal(await create(s.url, big), 200);
      await sleep(5000);
      const times = await p.stop();
      const rss = await s.rss();
      report('sse-4500', rss, times, `; streams open ${rss.streams}`);
      assert.ok(s.alive(), 'the server is alive');
      assert.ok(rss.peak < GiB, `peak RSS ${rss.peak} under 1 GiB`);
      for (const socket of sockets) socket.destroy();
    } finally {
      s.stop();
    }
  });

  it('300 WebSockets × 64 unread person.watch calls, then one create with a 1,000,000-character lastname', async () => {
    const s = await startServer();
    try {
      const sockets = await openMany(
        300,
        () =>
          new Promise<WebSocket>((resolve, reject) => {
            const ws = new WebSocket(`${s.url.replace('http', 'ws')}/ws`);
            ws.once('open', () => {
              for (let i = 0; i < 64; i++) ws.send(JSON.stringify({ id: i, method: 'person.watch' }));
              // Reads nothing from now on.
              ws.pause();
              resolve(ws);
            });
            ws.once('error', reject);
          }),
        50,
      );
      await sleep(1000);
      const before = await s.rss();
      const p = probe(s.url);
      await sleep(300);
      assert.equal(await create(s.url, big), 200);
      await sleep(5000);
      const times = await p.stop();
      const rss = await s.rss();
      report('ws-300x64', rss, times, `; streams open before ${before.streams}, after ${rss.streams}`);
      assert.ok(s.alive(), 'the server is alive');
      assert.ok(rss.peak < GiB, `peak RSS ${rss.peak} under 1 GiB`);
      for (const ws of sockets) ws.terminate();
    } finally {
      s.stop();
    }
  });

  it('1,000 Ext Direct polling clients, then five creates with a 1,000,000-character lastname', async () => {
    const s = await startServer();
    try {
      let polled = 0;
      await openMany(
        1000,
        async () => {
          const r = await fetch(`${s.url}/ws/extdirect/poll/person/watch`);
          await r.text();
          if (r.headers.get('set-cookie')) polled++;
        },
        50,
      );
      const p = probe(s.url);
      await sleep(300);
      for (let i = 0; i < 5; i++) assert.equal(await create(s.url, big), 200);
      await sleep(5000);
      const times = await p.stop();
      const rss = await s.rss();
      report('extdirect-1000', rss, times, `; polling clients started ${polled}`);
      assert.ok(s.alive(), 'the server is alive');
      assert.ok(rss.peak < GiB, `peak RSS ${rss.peak} under 1 GiB`);
    } finally {
      s.stop();
    }
  });

  it('30 clients that never read a 17 MB list', async () => {
    const s = await startServer({ FLOOD_FILL: '8300' });
    try {
      const first = await fetch(`${s.url}/ws/person/list`);
      const size = (await first.arrayBuffer()).byteLength;
      const sockets = await openMany(30, () => silent(s.port, 'GET /ws/person/list HTTP/1.1\r\nHost: x\r\n\r\n'));
      for (const socket of sockets) socket.on('error', () => {});
      const p = probe(s.url);
      await sleep(3000);
      const times = await p.stop();
      const during = await s.rss();
      // The send timeout (30 s by default) disconnects them: wait for it, bounded.
      const t0 = performance.now();
      let open = sockets.length;
      for (let i = 0; i < 90 && open > 0; i++) {
        await sleep(500);
        open = sockets.filter((x) => !x.destroyed && x.readyState === 'open').length;
        // A paused socket learns of the server's close only when it reads: let them read now.
        if (performance.now() - t0 > 31_000) for (const x of sockets) x.resume();
      }
      const after = await s.rss();
      report(
        'list-30x17MB',
        during,
        times,
        `; list ${(size / MiB).toFixed(1)} MiB; RSS after the send timeout ${(after.now / MiB).toFixed(0)} MiB; clients still connected ${open}`,
      );
      assert.ok(s.alive(), 'the server is alive');
      assert.ok(during.peak < GiB, `peak RSS ${during.peak} under 1 GiB`);
      assert.equal(open, 0, 'every non-reading client was disconnected');
      for (const socket of sockets) socket.destroy();
    } finally {
      s.stop();
    }
  });
});
