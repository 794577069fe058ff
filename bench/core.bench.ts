/**
 * Issue 3's benchmark: the demo on Switchboard against a bare node:http server and Fastify 5
 * with JSON schemas doing the same work, on GET /ws/person/get?id=1 and POST /ws/person/create.
 */
import { type ChildServer, alternate, autocannon, measure, printTable, startTarget } from './lib.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const PEERS = ['switchboard', 'fastify', 'raw-http'] as const;
const CREATE_BODY = JSON.stringify({ p: { lastname: 'Bing', firstname: 'Chandler', age: 29, hobbies: ['jokes', 'Monica'] } });

export default async function coreBench(): Promise<void> {
  const servers = new Map<string, ChildServer>();
  try {
    for (const name of PEERS) servers.set(name, await startTarget(name));
    for (const route of ['GET /ws/person/get?id=1', 'POST /ws/person/create'] as const) {
      const post = route.startsWith('POST');
      const path = route.split(' ')[1];
      // Warm-up: let each server's JIT settle before measuring.
      for (const s of servers.values()) await autocannon(load(s.url + path, post, 1));
      const runs = await alternate(PEERS, ROUNDS, (name) => measure(servers.get(name)!, load(servers.get(name)!.url + path, post)));
      for (const [name, rs] of runs) {
        const bad = rs.reduce((n, r) => n + r.errors + r.non2xx, 0);
        if (bad > 0) console.log(`warning: ${name} had ${bad} errors/non-2xx answers on ${route}`);
      }
      printTable(
        `core: ${route}`,
        PEERS.map((name) => ({ name, rps: runs.get(name)!.map((r) => r.rps), p99: runs.get(name)!.map((r) => r.p99), cpu: runs.get(name)!.map((r) => r.cpu) })),
        'fastify',
      );
    }
  } finally {
    for (const s of servers.values()) await s.close();
  }
}

function load(url: string, post: boolean, duration?: number) {
  return post ? { url, method: 'POST', headers: { 'content-type': 'application/json' }, body: CREATE_BODY, duration } : { url, duration };
}
