/**
 * Issue 3's benchmark: the demo on Switchboard against a bare node:http server and Fastify 5
 * with JSON schemas doing the same work, on GET /ws/person/get?id=1 and POST /ws/person/create.
 * Each round starts each server afresh (`alternateFresh`): the peers are within a few per cent of
 * each other, about what one process of a server differs from the next.
 */
import { alternateFresh, measure, printTable } from './lib.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const PEERS = ['switchboard', 'fastify', 'raw-http'] as const;
const CREATE_BODY = JSON.stringify({ p: { lastname: 'Bing', firstname: 'Chandler', age: 29, hobbies: ['jokes', 'Monica'] } });

export default async function coreBench(): Promise<void> {
  for (const route of ['GET /ws/person/get?id=1', 'POST /ws/person/create'] as const) {
    const post = route.startsWith('POST');
    const path = route.split(' ')[1];
    // A fresh server per peer and round, warmed for 2 s so its JIT settles before it is measured.
    const runs = await alternateFresh(PEERS, ROUNDS, 2, (s, _name, duration) => load(s.url + path, post, duration), measure);
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
}

function load(url: string, post: boolean, duration?: number) {
  return post ? { url, method: 'POST', headers: { 'content-type': 'application/json' }, body: CREATE_BODY, duration } : { url, duration };
}
