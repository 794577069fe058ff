/**
 * Issue 4's JSON-RPC benchmark: calls/s of `person.get` on the demo's /ws/jsonrpc, sent as a
 * batch of 10 calls per POST against one call per POST — same server, same load, alternating
 * rounds, compared by the ratio of medians. Goal: the batch ≥ 4× the single calls' calls/s.
 */
import { type ChildServer, alternate, autocannon, median, printTable, startTarget } from './lib.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const BATCH = 10;
const call = (id: number) => ({ jsonrpc: '2.0', method: 'person.get', params: { id: 1 }, id });
const PEERS = {
  single: { body: JSON.stringify(call(1)), calls: 1 },
  [`batch of ${BATCH}`]: { body: JSON.stringify(Array.from({ length: BATCH }, (_, i) => call(i))), calls: BATCH },
};
const NAMES = Object.keys(PEERS) as (keyof typeof PEERS)[];

export default async function jsonrpcBench(): Promise<void> {
  let server: ChildServer | undefined;
  try {
    server = await startTarget('switchboard');
    const url = `${server.url}/ws/jsonrpc`;
    await check(url);
    const load = (name: keyof typeof PEERS, duration?: number) =>
      autocannon({ url, method: 'POST', headers: { 'content-type': 'application/json' }, body: PEERS[name].body, duration });
    for (const name of NAMES) await load(name, 1); // warm-up
    const runs = await alternate(NAMES, ROUNDS, (name) => load(name as keyof typeof PEERS));
    for (const [name, rs] of runs) {
      const bad = rs.reduce((n, r) => n + r.errors + r.non2xx, 0);
      if (bad > 0) console.log(`warning: ${name} had ${bad} errors/non-2xx answers`);
    }
    const rows = NAMES.map((name) => ({
      name: `${name} (calls/s)`,
      rps: runs.get(name)!.map((r) => r.rps * PEERS[name].calls),
      p99: runs.get(name)!.map((r) => r.p99),
    }));
    printTable('jsonrpc: person.get calls/s, one POST per call vs batches of 10', rows, 'single (calls/s)');
    const ratio = median(rows[1].rps) / median(rows[0].rps);
    console.log(`batch/single calls/s: ${ratio.toFixed(2)}× (goal ≥ 4×) — ${ratio >= 4 ? 'met' : 'NOT met'}`);
  } finally {
    await server?.close();
  }
}

/** The server really answers both bodies with results, not errors. */
async function check(url: string): Promise<void> {
  for (const name of NAMES) {
    const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: PEERS[name].body });
    const body = (await r.json()) as { result?: unknown } | { result?: unknown }[];
    const answers = Array.isArray(body) ? body : [body];
    if (r.status !== 200 || answers.length !== PEERS[name].calls || answers.some((a) => a.result === undefined)) {
      throw new Error(`jsonrpc bench: unexpected answer to ${name}: ${JSON.stringify(body).slice(0, 200)}`);
    }
  }
}
