/**
 * Issue 13's benchmark: the polls `question` resource's create / retrieve / list over REST+JSON,
 * on SQLite and on PostgreSQL, served by Switchboard (resource() on the Kysely SQL store)
 * against a hand-written node:http route doing the same queries with the same driver. Goal:
 * ≥ 0.8× the hand-written route. Peers alternate rounds; the table gives the ratio of medians.
 */
import { type ChildServer, alternate, autocannon, measure, printTable, startTarget } from './lib.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const PEERS = ['switchboard', 'raw'] as const;
/** Rows in each table before the reads, so a list page is full and a count has work. */
const SEED = 100;
const CREATE_BODY = JSON.stringify({ question_text: 'What is your favourite python package?', pub_date: '2024-01-01T00:00:00Z' });
// Reads first: the creates grow the tables, which the list's count would then feel.
const ROUTES = ['GET /polls/questions/7', 'GET /polls/questions?limit=20', 'POST /polls/questions'] as const;

export default async function resourcesBench(): Promise<void> {
  for (const db of ['sqlite', 'postgres'] as const) {
    const servers = new Map<string, ChildServer>();
    try {
      for (const name of PEERS) servers.set(name, await startTarget('resources', [name, db]));
      for (const s of servers.values()) await seed(s.url);
      for (const route of ROUTES) {
        const post = route.startsWith('POST');
        const path = route.split(' ')[1]!;
        // Warm-up: let each server's JIT settle before measuring.
        for (const s of servers.values()) await autocannon(load(s.url + path, post, 1));
        const runs = await alternate(PEERS, ROUNDS, (name) => measure(servers.get(name)!, load(servers.get(name)!.url + path, post)));
        for (const [name, rs] of runs) {
          const bad = rs.reduce((n, r) => n + r.errors + r.non2xx, 0);
          if (bad > 0) console.log(`warning: ${name} had ${bad} errors/non-2xx answers on ${route} (${db})`);
        }
        printTable(
          `resources on ${db}: ${route}`,
          PEERS.map((name) => ({
            name,
            rps: runs.get(name)!.map((r) => r.rps),
            p99: runs.get(name)!.map((r) => r.p99),
            cpu: runs.get(name)!.map((r) => r.cpu),
          })),
          'raw',
        );
      }
    } finally {
      for (const s of servers.values()) await s.close();
    }
  }
}

/** The same rows in every peer's table, through its own create route. */
async function seed(url: string): Promise<void> {
  for (let i = 0; i < SEED; i++) {
    const r = await fetch(`${url}/polls/questions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: CREATE_BODY });
    if (r.status !== 201) throw new Error(`seeding ${url}: ${r.status} ${await r.text()}`);
  }
}

function load(url: string, post: boolean, duration?: number) {
  return post ? { url, method: 'POST', headers: { 'content-type': 'application/json' }, body: CREATE_BODY, duration } : { url, duration };
}
