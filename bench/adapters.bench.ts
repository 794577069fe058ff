/**
 * Issue 5's adapter benchmark: REST+JSON `GET /ws/person/get?id=1` through Switchboard's
 * Express middleware and Fastify plugin, each against the same host framework answering the
 * same JSON natively (a plain route), in the same run, alternating rounds. Goal: each adapter
 * costs at most 10 % of its host's throughput (ratio of medians ≥ 0.90). Beside calls/s, the
 * server's CPU time per call (read from a host route, `/__cpu`): steadier on a shared machine.
 */
import { type ChildServer, type LoadResult, alternate, autocannon, median, printTable, startTarget } from './lib.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const PATH = '/api/ws/person/get?id=1';
const HOSTS = ['express', 'fastify'] as const;

export default async function adaptersBench(): Promise<void> {
  for (const host of HOSTS) {
    const native = `${host} (plain route)`;
    const adapter = `${host} + switchboard`;
    // Fastify also validates the query by a schema, as Switchboard validates the id.
    const validated = host === 'fastify' ? `${host} (route + schema)` : undefined;
    const servers = new Map<string, ChildServer>();
    try {
      servers.set(native, await startTarget(`adapter-${host}`, ['native']));
      if (validated) servers.set(validated, await startTarget(`adapter-${host}`, ['schema']));
      servers.set(adapter, await startTarget(`adapter-${host}`, ['switchboard']));
      const same = await sameAnswer(servers.get(native)!.url, servers.get(adapter)!.url);
      if (!same) console.log(`warning: ${host}: the two answers differ`);
      // Warm-up: let each server's JIT settle before measuring.
      for (const s of servers.values()) await autocannon({ url: s.url + PATH, duration: 1 });
      const names = [...servers.keys()];
      const runs = await alternate(names, ROUNDS, (name) => measured(servers.get(name)!.url));
      for (const [name, rs] of runs) {
        const bad = rs.reduce((n, r) => n + r.errors + r.non2xx, 0);
        if (bad > 0) console.log(`warning: ${name} had ${bad} errors/non-2xx answers`);
      }
      printTable(
        `adapters: GET ${PATH} on ${host}`,
        names.map((name) => ({ name, rps: runs.get(name)!.map((r) => r.rps), p99: runs.get(name)!.map((r) => r.p99) })),
        native,
      );
      const ratio = median(runs.get(adapter)!.map((r) => r.rps)) / median(runs.get(native)!.map((r) => r.rps));
      const cpu = (name: string) => median(runs.get(name)!.map((r) => r.cpuPerCall));
      const cpuRatio = cpu(native) / cpu(adapter);
      console.log(`server CPU per call (median µs): ${native} ${cpu(native).toFixed(1)}, ${adapter} ${cpu(adapter).toFixed(1)}`);
      console.log(`${adapter}: ${(ratio * 100).toFixed(1)} % of the plain route's calls/s, ${(cpuRatio * 100).toFixed(1)} % by CPU per call (goal ≥ 90 %)`);
      if (validated) {
        const rps = (name: string) => median(runs.get(name)!.map((r) => r.rps));
        console.log(`server CPU per call (median µs): ${validated} ${cpu(validated).toFixed(1)}`);
        console.log(
          `${adapter}: ${((rps(adapter) / rps(validated)) * 100).toFixed(1)} % of ${validated}'s calls/s, ${((cpu(validated) / cpu(adapter)) * 100).toFixed(1)} % by CPU per call`,
        );
      }
    } finally {
      for (const s of servers.values()) await s.close();
    }
  }
}

interface Measured extends LoadResult {
  /** Server CPU time (user + system) per call, µs. */
  cpuPerCall: number;
}

async function cpuOf(url: string): Promise<number> {
  const u = (await (await fetch(`${url}/__cpu`)).json()) as { user: number; system: number };
  return u.user + u.system;
}

/** One load run, with the server's CPU time per call. */
async function measured(url: string): Promise<Measured> {
  const before = await cpuOf(url);
  const r = await autocannon({ url: url + PATH });
  const spent = (await cpuOf(url)) - before;
  const calls = r.rps * Number(process.env.BENCH_SECONDS ?? 3);
  return { ...r, cpuPerCall: spent / Math.max(1, calls) };
}

/** Both peers must answer the same document, or the comparison means nothing. */
async function sameAnswer(a: string, b: string): Promise<boolean> {
  const [x, y] = await Promise.all([fetch(a + PATH).then((r) => r.json()), fetch(b + PATH).then((r) => r.json())]);
  return JSON.stringify(x) === JSON.stringify(y);
}
