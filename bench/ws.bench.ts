/**
 * Issue 5's WebSocket benchmark. (1) RPC calls/s of `person.get` on Switchboard's socket against
 * a bare `ws` server replying a same-size JSON: same run, same client, 50 sockets × 10 calls in
 * flight, alternating rounds. (2) Heap per idle socket with 10,000 open, measured inside each
 * server's process with --expose-gc, Switchboard against the bare `ws` server.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { alternate, median, printTable } from './lib.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const SOCKETS = 50;
const IN_FLIGHT = 10;
const IDLE = Number(process.env.BENCH_WS_IDLE ?? 10_000);
const PEERS = ['ws-switchboard', 'ws-echo'] as const;
const CALL = (id: number) => `{"id":${id},"method":"person.get","params":{"id":1}}`;

interface Target {
  url: string;
  child: ChildProcess;
  heap(): Promise<{ heapUsed: number; connections: number; gc: boolean }>;
  /** The server process's CPU time so far, µs. */
  cpu(): Promise<number>;
  close(): Promise<void>;
}

/** Starts a target in a child process with --expose-gc and an IPC channel for heap questions. */
function startTarget(name: string): Promise<Target> {
  const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  const script = fileURLToPath(new URL(`./child${ext}`, import.meta.url));
  const loader = ext === '.ts' ? ['--import', 'tsx'] : [];
  const child = spawn(process.execPath, ['--expose-gc', ...loader, script, name, ext], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buf += chunk.toString();
      const m = /LISTENING (\S+)/.exec(buf);
      if (!m) return;
      buf = '';
      resolve({
        url: m[1],
        child,
        heap: () =>
          new Promise((answer) => {
            child.once('message', (msg) => answer(msg as { heapUsed: number; connections: number; gc: boolean }));
            child.send('heap');
          }),
        cpu: () =>
          new Promise((answer) => {
            child.once('message', (msg) => answer((msg as { cpu: number }).cpu));
            child.send('cpu');
          }),
        close: () =>
          new Promise((done) => {
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
    child.once('exit', (code) => reject(new Error(`bench target ${name} exited (${code}) before listening`)));
  });
}

function open(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/**
 * SOCKETS sockets, each keeping IN_FLIGHT calls in flight for `seconds`: answers per second,
 * and the server's CPU per answer (steadier than calls/s on a shared machine, and free of the
 * client's own cost).
 */
async function load(t: Target, seconds: number): Promise<{ rps: number; errors: number; cpuPerCall: number }> {
  const url = t.url;
  const sockets = await Promise.all(Array.from({ length: SOCKETS }, () => open(url)));
  const cpuBefore = await t.cpu();
  let answered = 0;
  let errors = 0;
  let running = true;
  let next = 1;
  const start = performance.now();
  await new Promise<void>((resolve) => {
    let drained = 0;
    for (const ws of sockets) {
      let out = 0;
      ws.on('message', (data) => {
        out--;
        answered++;
        if ((data as Buffer).indexOf('"status":200') === -1) errors++;
        if (running) {
          out++;
          ws.send(CALL(next++));
        } else if (out === 0 && ++drained === SOCKETS) resolve();
      });
      for (let i = 0; i < IN_FLIGHT; i++) {
        out++;
        ws.send(CALL(next++));
      }
    }
    setTimeout(() => {
      running = false;
    }, seconds * 1000);
  });
  const elapsed = (performance.now() - start) / 1000;
  const cpu = (await t.cpu()) - cpuBefore;
  for (const ws of sockets) ws.terminate();
  return { rps: answered / elapsed, errors, cpuPerCall: cpu / Math.max(1, answered) };
}

/** Heap per idle socket: heap after IDLE sockets are open minus before, over IDLE. */
async function heapPerSocket(t: Target): Promise<number> {
  const before = await t.heap();
  if (!before.gc) throw new Error('the target runs without --expose-gc');
  const sockets: WebSocket[] = [];
  // Opened in batches, so the handshakes do not all queue at once.
  for (let i = 0; i < IDLE; i += 500) sockets.push(...(await Promise.all(Array.from({ length: Math.min(500, IDLE - i) }, () => open(t.url)))));
  let after = await t.heap();
  for (let i = 0; i < 50 && after.connections < IDLE; i++) {
    await new Promise((r) => setTimeout(r, 100));
    after = await t.heap();
  }
  if (after.connections !== IDLE) throw new Error(`expected ${IDLE} open sockets, the server has ${after.connections}`);
  for (const ws of sockets) ws.terminate();
  return (after.heapUsed - before.heapUsed) / IDLE;
}

export default async function wsBench(): Promise<void> {
  const targets = new Map<string, Target>();
  try {
    for (const name of PEERS) targets.set(name, await startTarget(name));
    // Warm-up: let each server's JIT settle before measuring.
    for (const t of targets.values()) await load(t, 1);
    const runs = await alternate(PEERS, ROUNDS, (name) => load(targets.get(name)!, SECONDS));
    for (const [name, rs] of runs) {
      const bad = rs.reduce((n, r) => n + r.errors, 0);
      if (bad > 0) console.log(`warning: ${name} had ${bad} error answers`);
    }
    printTable(
      `ws: person.get over WebSocket, ${SOCKETS} sockets × ${IN_FLIGHT} in flight (calls/s)`,
      PEERS.map((name) => ({ name, rps: runs.get(name)!.map((r) => r.rps) })),
      'ws-echo',
    );
    const cpu = PEERS.map((name) => ({ name, us: median(runs.get(name)!.map((r) => r.cpuPerCall)) }));
    const echo = cpu.find((c) => c.name === 'ws-echo')!.us;
    console.log(
      `server CPU per call (median µs): ${cpu.map((c) => `${c.name} ${c.us.toFixed(2)} (${(echo / c.us).toFixed(2)}× ws-echo's throughput per CPU)`).join(', ')}`,
    );
  } finally {
    for (const t of targets.values()) await t.close();
  }

  // Heap per idle socket: a fresh server per round, so earlier load leaves nothing behind.
  const heaps = new Map<string, number[]>(PEERS.map((n) => [n, []]));
  const heapRounds = Number(process.env.BENCH_WS_HEAP_ROUNDS ?? 3);
  for (let round = 0; round < heapRounds; round++) {
    for (const name of round % 2 === 0 ? PEERS : [...PEERS].reverse()) {
      const t = await startTarget(name);
      try {
        heaps.get(name)!.push(await heapPerSocket(t));
      } finally {
        await t.close();
      }
    }
  }
  console.log(`\n## ws: heap per idle socket, ${IDLE} open (bytes; goal ≤ 6144)`);
  for (const [name, xs] of heaps) console.log(`${name.padEnd(34)} ${median(xs).toFixed(0).padStart(10)}   rounds ${xs.map((x) => x.toFixed(0)).join(' ')}`);
}
