/**
 * Issue 5's adapter benchmark: REST+JSON `GET /ws/person/get?id=1` through Switchboard's
 * Express middleware and Fastify plugin, each against the same host framework answering the
 * same JSON natively (a plain route; for Fastify also one validating its query by schema, as
 * Switchboard validates the id), in the same run, alternating rounds. Goal: each adapter costs
 * at most 10 % against its host (ratio of medians ≥ 0.90), by calls/s and by server CPU per call
 * (the steadier figure on a shared machine).
 */
import { type ChildServer, alternate, autocannon, measure, median, printTable, startTarget } from './lib.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const PATH = '/api/ws/person/get?id=1';
const HOSTS = ['express', 'fastify'] as const;

export default async function adaptersBench(): Promise<void> {
  for (const host of HOSTS) {
    const native = `${host} (plain route)`;
    const validated = host === 'fastify' ? `${host} (route + schema)` : undefined;
    const adapter = `${host} + switchboard`;
    const servers = new Map<string, ChildServer>();
    try {
      servers.set(native, await startTarget(`adapter-${host}`, ['native']));
      if (validated) servers.set(validated, await startTarget(`adapter-${host}`, ['schema']));
      servers.set(adapter, await startTarget(`adapter-${host}`, ['switchboard']));
      if (!(await sameAnswer([...servers.values()]))) console.log(`warning: ${host}: the answers differ`);
      // Warm-up: let each server's JIT settle before measuring.
      for (const s of servers.values()) await autocannon({ url: s.url + PATH, duration: 1 });
      const names = [...servers.keys()];
      const runs = await alternate(names, ROUNDS, (name) => measure(servers.get(name)!, { url: servers.get(name)!.url + PATH }));
      for (const [name, rs] of runs) {
        const bad = rs.reduce((n, r) => n + r.errors + r.non2xx, 0);
        if (bad > 0) console.log(`warning: ${name} had ${bad} errors/non-2xx answers`);
      }
      const rps = (name: string) => median(runs.get(name)!.map((r) => r.rps));
      const cpu = (name: string) => median(runs.get(name)!.map((r) => r.cpu));
      printTable(
        `adapters: GET ${PATH} on ${host}`,
        names.map((name) => ({ name, rps: runs.get(name)!.map((r) => r.rps), p99: runs.get(name)!.map((r) => r.p99), cpu: runs.get(name)!.map((r) => r.cpu) })),
        native,
      );
      for (const base of validated ? [native, validated] : [native]) {
        const byRps = rps(adapter) / rps(base);
        const byCpu = cpu(base) / cpu(adapter);
        const verdict = byRps >= 0.9 && byCpu >= 0.9 ? 'met' : byRps >= 0.9 || byCpu >= 0.9 ? 'met on one measure' : 'NOT met';
        console.log(
          `${adapter} against ${base}: ${(byRps * 100).toFixed(1)} % by calls/s, ${(byCpu * 100).toFixed(1)} % by CPU per call (goal ≥ 90 %: ${verdict})`,
        );
      }
    } finally {
      for (const s of servers.values()) await s.close();
    }
  }
}

/** Every peer must answer the same document, or the comparison means nothing. */
async function sameAnswer(servers: readonly ChildServer[]): Promise<boolean> {
  const bodies = await Promise.all(servers.map(async (s) => JSON.stringify(await (await fetch(s.url + PATH)).json())));
  return bodies.every((b) => b === bodies[0]);
}
