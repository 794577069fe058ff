/**
 * Benchmark helpers. Servers run in child processes (so the load generator does not share
 * their event loop); peers are measured in the same run, in alternating rounds, and compared
 * by the ratio of medians — the machine is shared and noisy, so single numbers mean little.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import autocannonRun from 'autocannon';

export interface LoadOptions {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Concurrent connections (default 50). */
  connections?: number;
  /** Seconds (default 3, or BENCH_SECONDS). */
  duration?: number;
  pipelining?: number;
}

export interface LoadResult {
  /** Mean requests per second over the run. */
  rps: number;
  /** 99th percentile latency, ms. */
  p99: number;
  errors: number;
  non2xx: number;
  /** Requests completed. */
  total: number;
}

/** One autocannon run against a URL. */
export async function autocannon(o: LoadOptions): Promise<LoadResult> {
  const r = await autocannonRun({
    url: o.url,
    method: o.method ?? 'GET',
    headers: o.headers,
    body: o.body,
    connections: o.connections ?? 50,
    duration: o.duration ?? Number(process.env.BENCH_SECONDS ?? 3),
    pipelining: o.pipelining ?? 1,
  });
  return { rps: r.requests.average, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx, total: r.requests.total };
}

/** Runs `fn` for each name, round after round, alternating the order so no peer always goes first. */
export async function alternate<T>(names: readonly string[], rounds: number, fn: (name: string, round: number) => Promise<T>): Promise<Map<string, T[]>> {
  const out = new Map<string, T[]>(names.map((n) => [n, []]));
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? names : [...names].reverse();
    for (const name of order) out.get(name)!.push(await fn(name, round));
  }
  return out;
}

/**
 * One load run per peer and round, each against a server process started for that round (and
 * warmed up for `warmSeconds`), in alternating order. Two processes of the same server can
 * differ by ±5 % for the whole of their lives (measured: where their code and heap land, which
 * core their helper threads share with the load generator), so one process per peer would fix
 * that offset into the ratio; a fresh one per round makes it noise the median averages out.
 */
export async function alternateFresh<T>(
  names: readonly string[],
  rounds: number,
  warmSeconds: number,
  load: (server: ChildServer, name: string, duration?: number) => LoadOptions,
  fn: (server: ChildServer, options: LoadOptions) => Promise<T>,
): Promise<Map<string, T[]>> {
  return alternate(names, rounds, async (name) => {
    const server = await startTarget(name);
    try {
      await autocannon(load(server, name, warmSeconds));
      return await fn(server, load(server, name));
    } finally {
      await server.close();
    }
  });
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export interface Row {
  name: string;
  rps: number[];
  p99?: number[];
  /** Server CPU µs per request, per round. */
  cpu?: number[];
}

/** One load run against a child server, with the server's CPU time per request. */
export async function measure(server: ChildServer, o: LoadOptions): Promise<LoadResult & { cpu: number }> {
  const before = cpuMicros(server.pid);
  const r = await autocannon(o);
  return { ...r, cpu: (cpuMicros(server.pid) - before) / Math.max(1, r.total) };
}

/** Prints medians per peer and each one's ratio against the baseline's median. */
export function printTable(title: string, rows: readonly Row[], baseline: string): void {
  const base = rows.find((r) => r.name === baseline);
  const baseRps = base ? median(base.rps) : Number.NaN;
  console.log(`\n## ${title}`);
  const baseCpu = base?.cpu ? median(base.cpu) : Number.NaN;
  console.log(
    `${'peer'.padEnd(34)} ${'median/s'.padStart(10)} ${'p99 ms'.padStart(8)} ${`× ${baseline}`.padStart(14)} ${'cpu µs/req'.padStart(11)} ${'× by cpu'.padStart(9)}   rounds`,
  );
  for (const r of rows) {
    const m = median(r.rps);
    const p99 = r.p99 ? median(r.p99).toFixed(1) : '-';
    const cpu = r.cpu ? median(r.cpu) : Number.NaN;
    console.log(
      `${r.name.padEnd(34)} ${m.toFixed(0).padStart(10)} ${p99.padStart(8)} ${(m / baseRps).toFixed(2).padStart(14)} ${cpu.toFixed(1).padStart(11)} ${(baseCpu / cpu).toFixed(2).padStart(9)}   ${r.rps.map((x) => x.toFixed(0)).join(' ')}`,
    );
  }
}

export interface ChildServer {
  url: string;
  /** The child's process id, for {@link cpuMicros}. */
  pid: number;
  close(): Promise<void>;
}

/**
 * Starts `bench/targets/<name>` in a child process; the module's default export starts a
 * server and returns its URL, which the child prints. The benchmarks run as tsc-built
 * JavaScript (`npm run bench` builds them), as production code does: tsx's `keepNames`
 * would tax every closure made per request.
 */
export function startTarget(name: string, args: readonly string[] = []): Promise<ChildServer> {
  const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  const script = fileURLToPath(new URL(`./child${ext}`, import.meta.url));
  const loader = ext === '.ts' ? ['--import', 'tsx'] : [];
  const child: ChildProcess = spawn(process.execPath, [...loader, script, name, ext, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let buf = '';
    const onData = (chunk: Buffer) => {
      buf += chunk.toString();
      const m = /LISTENING (\S+)/.exec(buf);
      if (m) {
        child.stdout!.off('data', onData);
        child.stdout!.resume();
        resolve({
          url: m[1],
          pid: child.pid!,
          close: () =>
            new Promise((done) => {
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`bench target ${name} exited (${code}) before listening`)));
  });
}

/**
 * CPU time (user + system, µs) a process has used so far, from /proc. Server CPU per request is
 * steadier than requests/s on a shared machine: other load slows the clock, not the work.
 */
export function cpuMicros(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1e6) / CLOCK_TICKS;
}
/** Linux's USER_HZ: /proc reports CPU time in these ticks. */
const CLOCK_TICKS = 100;
