/**
 * Issue 13's live-data benchmark: the latency from a committed write to the subscriber's event,
 * p50 and p99. A `question` resource on SQLite (`:memory:`) served over node:http; a subscriber
 * holds `GET /questions/changes` as SSE; writes are REST POSTs, one at a time (each waits for
 * its event: this measures latency, not throughput). The clock starts when the store's create
 * has committed and stops when the subscriber has parsed the event — all in this process, one
 * clock. Cases: the in-process bus (goal p99 < 5 ms), and the Redis bus with the write made on
 * one app and the subscriber on another (two buses, as two processes; goal p99 < 15 ms). Peers,
 * in the same run: a hand-written node:http route doing the same create on the same kind of
 * store and writing the SSE event itself (the floor of the in-process case), and a bare ioredis
 * PUBLISH → message (the floor Redis itself sets). Rounds
 * alternate; BENCH_ROUNDS rounds of BENCH_LIVE_WRITES writes (defaults 5 and 300).
 */
import { EventEmitter } from 'node:events';
import { createServer } from 'node:http';
import { Redis } from 'ioredis';
import { type ChangeBus, type Store, api, createApp, memoryBus, resource, t } from '../src/index.ts';
import { redisBus } from '../src/resources/redis-bus.ts';
import { sqlStore } from '../src/resources/sql-store.ts';
import { sqliteDb } from '../src/resources/sqlite.ts';
import { type Running, serve } from '../src/servers/node/index.ts';
import { alternate, median } from './lib.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const WRITES = Number(process.env.BENCH_LIVE_WRITES ?? 300);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** One event's bound: a lost one fails the run rather than hanging it. */
const EVENT_TIMEOUT_MS = 5_000;

const Question = t.complex('Question', { id: t.integer(), question_text: t.string() }, { mandatory: ['question_text'] });

/** When each record's create committed (performance.now()), by id. */
const committed = new Map<number, number>();

/** The store, with the moment each create committed noted. */
async function timedStore(table: string): Promise<Store> {
  const s = await sqlStore(sqliteDb(':memory:'), 'sqlite', { schema: Question, table, name: 'question' });
  const timed: Store = Object.create(s);
  timed.create = async (data) => {
    const row = await s.create(data);
    committed.set(row.id as number, performance.now());
    return row;
  };
  return timed;
}

interface Side {
  readonly url: string;
  close(): Promise<void>;
}

async function side(store: Store, bus: ChangeBus): Promise<Side & { running: Running }> {
  const live = api({ name: 'live', basePath: '/live', controllers: { question: resource('question', { schema: Question, store, bus }) } });
  const running = await serve(createApp(live), { port: 0, host: '127.0.0.1' });
  return { url: `${running.url}/live`, running, close: () => running.close() };
}

/** An SSE subscriber: resolves each awaited id's event as it is parsed. */
class Subscriber {
  private buffer = '';
  private readonly waiting = new Map<number, (at: number) => void>();
  /** Events that came before anyone awaited them (before the write's answer): when, by pk. */
  readonly seen = new Map<number, number>();
  private readonly ctl = new AbortController();
  private constructor() {}

  static async open(url: string): Promise<Subscriber> {
    const s = new Subscriber();
    const res = await fetch(`${url}/questions/changes`, { headers: { accept: 'text/event-stream' }, signal: s.ctl.signal });
    if (res.status !== 200) throw new Error(`subscribe: ${res.status}`);
    void s.read(res.body!.getReader());
    return s;
  }

  private async read(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        this.buffer += decoder.decode(value, { stream: true });
        for (let end = this.buffer.indexOf('\n\n'); end !== -1; end = this.buffer.indexOf('\n\n')) {
          const block = this.buffer.slice(0, end);
          this.buffer = this.buffer.slice(end + 2);
          const data = block
            .split('\n')
            .filter((l) => l.startsWith('data: '))
            .map((l) => l.slice(6))
            .join('\n');
          if (!data) continue;
          const at = performance.now();
          const pk = (JSON.parse(data) as { pk: number }).pk;
          const w = this.waiting.get(pk);
          if (w) {
            this.waiting.delete(pk);
            w(at);
          } else this.seen.set(pk, at);
        }
      }
    } catch {
      // aborted
    }
  }

  /** When the event of record `pk` arrived. */
  arrival(pk: number): Promise<number> {
    const early = this.seen.get(pk);
    if (early !== undefined) {
      this.seen.delete(pk);
      return Promise.resolve(early);
    }
    return new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no event for ${pk} within ${EVENT_TIMEOUT_MS} ms`)), EVENT_TIMEOUT_MS);
      this.waiting.set(pk, (at) => {
        clearTimeout(timer);
        resolve(at);
      });
    });
  }

  close(): void {
    this.ctl.abort();
  }
}

/** The in-process peer: POST /questions creates and answers, GET /questions/changes is SSE fed by an emitter. */
async function handWritten(store: Store): Promise<Side> {
  const changes = new EventEmitter();
  changes.setMaxListeners(0);
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/live/questions/changes') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.write(': stream\n\n');
      const send = (row: { id: number }) => res.write(`id: ${row.id}\ndata: ${JSON.stringify({ action: 'created', pk: row.id, data: row })}\n\n`);
      changes.on('created', send);
      res.once('close', () => changes.off('created', send));
      return;
    }
    let body = '';
    req.setEncoding('utf8').on('data', (d: string) => {
      body += d;
    });
    req.once('end', async () => {
      const row = await store.create(JSON.parse(body) as Record<string, unknown>);
      changes.emit('created', row);
      res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify(row));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/live`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** `WRITES` writes through `writer`, each timed from commit to its event at `sub`. */
async function round(writer: string, sub: Subscriber): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < WRITES; i++) {
    // The id is only known from the answer; the event may come before it, so every arrival is noted.
    const res = await fetch(`${writer}/questions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"question_text":"q${i}"}` });
    const { id } = (await res.json()) as { id: number };
    const arrived = await sub.arrival(id);
    out.push(arrived - committed.get(id)!);
    committed.delete(id);
  }
  return out;
}

/** The peer: a bare PUBLISH, timed to its message on another connection. */
async function redisFloor(pub: Redis, listen: Redis, channel: string): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < WRITES; i++) {
    const got = new Promise<number>((resolve) => listen.once('message', () => resolve(performance.now())));
    const t0 = performance.now();
    await pub.publish(channel, `{"id":${i}}`);
    out.push((await got) - t0);
  }
  return out;
}

function pct(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

export default async function liveBench(): Promise<void> {
  const prefix = `sbbench_${process.pid.toString(36)}${Date.now().toString(36)}`;
  const memory = await side(await timedStore('q_memory'), memoryBus());
  const floor = await handWritten(await timedStore('q_floor'));
  const sharedStore = await timedStore('q_redis');
  const busA = redisBus({ url: REDIS_URL, prefix });
  const busB = redisBus({ url: REDIS_URL, prefix });
  const redisA = await side(sharedStore, busA);
  const redisB = await side(sharedStore, busB);
  const pub = new Redis(REDIS_URL);
  const listen = new Redis(REDIS_URL);
  await listen.subscribe(`${prefix}:floor`);
  const memSub = await Subscriber.open(memory.url);
  const floorSub = await Subscriber.open(floor.url);
  const redisSub = await Subscriber.open(redisB.url);
  try {
    // Warm-up, then rounds alternating between the cases.
    await round(memory.url, memSub);
    await round(floor.url, floorSub);
    await round(redisA.url, redisSub);
    const cases: Record<string, () => Promise<number[]>> = {
      'in-process bus': () => round(memory.url, memSub),
      'peer: node:http + SSE by hand, same store': () => round(floor.url, floorSub),
      'Redis bus (write on A, subscriber on B)': () => round(redisA.url, redisSub),
      'peer: bare ioredis PUBLISH → message': () => redisFloor(pub, listen, `${prefix}:floor`),
    };
    const runs = await alternate(Object.keys(cases), ROUNDS, (name) => cases[name]!());
    console.log(`\nlive: committed write → subscriber event, ${ROUNDS} rounds × ${WRITES} writes (medians of the rounds' percentiles)`);
    for (const [name, rs] of runs) {
      const p50 = median(rs.map((r) => pct(r, 50)));
      const p99 = median(rs.map((r) => pct(r, 99)));
      const goal = name.startsWith('in-process') ? 5 : name.startsWith('Redis') ? 15 : undefined;
      const verdict = goal === undefined ? '' : ` (goal p99 < ${goal} ms: ${p99 < goal ? 'met' : 'NOT met'})`;
      console.log(`  ${name.padEnd(44)} p50 ${p50.toFixed(2)} ms  p99 ${p99.toFixed(2)} ms${verdict}`);
    }
  } finally {
    memSub.close();
    floorSub.close();
    redisSub.close();
    for (const s of [memory, floor, redisA, redisB]) await s.close();
    await busA.close();
    await busB.close();
    const keys = await pub.keys(`${prefix}:*`);
    if (keys.length > 0) await pub.del(...keys);
    pub.disconnect();
    listen.disconnect();
    await sharedStore.close();
  }
}
