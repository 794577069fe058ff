/**
 * Benchmark helpers. Servers run in child processes (so the load generator does not share
 * their event loop); peers are measured in the same run, in alternating rounds, and compared
 * by the ratio of medians — the machine is shared and noisy, so single numbers mean little.
 */
import { type ChildProcess, spawn } from 'node:child_process';
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
  return { rps: r.requests.average, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx };
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

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export interface Row {
  name: string;
  rps: number[];
  p99?: number[];
}

/** Prints medians per peer and each one's ratio against the baseline's median. */
export function printTable(title: string, rows: readonly Row[], baseline: string): void {
  const base = rows.find((r) => r.name === baseline);
  const baseRps = base ? median(base.rps) : Number.NaN;
  console.log(`\n## ${title}`);
  console.log(`${'peer'.padEnd(34)} ${'median/s'.padStart(10)} ${'p99 ms'.padStart(8)} ${`× ${baseline}`.padStart(14)}   rounds`);
  for (const r of rows) {
    const m = median(r.rps);
    const p99 = r.p99 ? median(r.p99).toFixed(1) : '-';
    console.log(`${r.name.padEnd(34)} ${m.toFixed(0).padStart(10)} ${p99.padStart(8)} ${(m / baseRps).toFixed(2).padStart(14)}   ${r.rps.map((x) => x.toFixed(0)).join(' ')}`);
  }
}

export interface ChildServer {
  url: string;
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
