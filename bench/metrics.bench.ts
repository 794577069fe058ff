/**
 * Issue 15's metrics benchmark: the demo's REST+JSON calls with `/metrics` counting every call
 * (a series lookup, an outcome count, a histogram) against the same server without metrics, on
 * GET /ws/person/get?id=1 and POST /ws/person/create. Same run, alternating rounds, ratio of
 * medians. Goal: metrics on ≥ 0.95× off.
 */
import { type ChildServer, alternate, autocannon, type LoadOptions, measure, printTable, startTarget } from './lib.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const PEERS = ['metrics off', 'metrics on'] as const;
const CREATE_BODY = JSON.stringify({ p: { lastname: 'Bing', firstname: 'Chandler', age: 29, hobbies: ['jokes', 'Monica'] } });

export default async function metricsBench(): Promise<void> {
  const servers = new Map<string, ChildServer>();
  try {
    servers.set('metrics off', await startTarget('switchboard-metrics', ['off']));
    servers.set('metrics on', await startTarget('switchboard-metrics', ['on']));
    for (const route of ['GET /ws/person/get?id=1', 'POST /ws/person/create'] as const) {
      const post = route.startsWith('POST');
      const path = route.split(' ')[1]!;
      const load = (name: string, duration?: number): LoadOptions => {
        const url = servers.get(name)!.url + path;
        return post ? { url, method: 'POST', headers: { 'content-type': 'application/json' }, body: CREATE_BODY, duration } : { url, duration };
      };
      for (const name of PEERS) await autocannon(load(name, 1));
      const runs = await alternate(PEERS, ROUNDS, (name) => measure(servers.get(name)!, load(name)));
      for (const [name, rs] of runs) {
        const bad = rs.reduce((n, r) => n + r.errors + r.non2xx, 0);
        if (bad > 0) console.log(`warning: ${name} had ${bad} errors/non-2xx answers on ${route}`);
      }
      printTable(
        `metrics: ${route} over REST+JSON`,
        PEERS.map((name) => ({ name, rps: runs.get(name)!.map((r) => r.rps), p99: runs.get(name)!.map((r) => r.p99), cpu: runs.get(name)!.map((r) => r.cpu) })),
        'metrics off',
      );
    }
  } finally {
    for (const s of servers.values()) await s.close();
  }
}
