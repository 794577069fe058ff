/**
 * Issue 11's auth benchmark: an authenticated call (a bearer token, verified once, then trusted
 * from the cache of verified tokens until it expires) against the same call on an endpoint
 * without auth, over REST+JSON, on one server: POST /_ah/api/<secure|open>/v1/hello/hello.
 * Same run, alternating rounds, ratio of medians. Goal: with auth ≥ 0.9× without.
 * A third peer sends the open endpoint the same Authorization header, which it does not read:
 * the ratio against it is the auth step's own cost, without the ~0.8 KB of token on the wire.
 */
import { devToken } from '../src/runtime/auth/dev.ts';
import { type ChildServer, alternate, autocannon, type LoadOptions, printTable, startTarget } from './lib.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const PEERS = ['no auth', 'no auth, same header', 'bearer token'] as const;

export default async function authBench(): Promise<void> {
  let server: ChildServer | undefined;
  try {
    server = await startTarget('endpoints');
    const token = await devToken({ sub: 'bench', scopes: ['USERINFO'] });
    const base = server.url;
    const bearer = { authorization: `Bearer ${token}` };
    const load = (peer: string, duration?: number): LoadOptions =>
      peer === 'no auth'
        ? { url: `${base}/_ah/api/open/v1/hello/hello`, method: 'POST', duration }
        : peer === 'no auth, same header'
          ? { url: `${base}/_ah/api/open/v1/hello/hello`, method: 'POST', headers: bearer, duration }
          : { url: `${base}/_ah/api/secure/v1/hello/hello`, method: 'POST', headers: bearer, duration };
    for (const peer of PEERS) await autocannon(load(peer, 1));
    const runs = await alternate(PEERS, ROUNDS, (peer) => autocannon(load(peer)));
    for (const [name, rs] of runs) {
      const bad = rs.reduce((n, r) => n + r.errors + r.non2xx, 0);
      if (bad > 0) console.log(`warning: ${name} had ${bad} errors/non-2xx answers`);
    }
    printTable(
      'auth: POST /_ah/api/<endpoint>/v1/hello/hello over REST+JSON',
      PEERS.map((name) => ({ name, rps: runs.get(name)!.map((r) => r.rps), p99: runs.get(name)!.map((r) => r.p99) })),
      'no auth',
    );
  } finally {
    await server?.close();
  }
}
