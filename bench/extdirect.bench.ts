/**
 * Issue 4's Ext Direct benchmark: `person.get` calls per second when Ext JS batches 10 calls
 * into one POST, against one call per POST, on the same server in the same run (alternating
 * rounds). Goal: a batch of 10 ≥ 4× the calls/s of single calls.
 */
import { type ChildServer, alternate, autocannon, median, printTable, startTarget } from './lib.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const BATCH = 10;
const call = (tid: number) => ({ action: 'person', method: 'get', data: { id: 1 + (tid % 2) }, type: 'rpc', tid });
const LOADS = {
  single: { body: JSON.stringify(call(1)), calls: 1 },
  [`batch of ${BATCH}`]: { body: JSON.stringify(Array.from({ length: BATCH }, (_, i) => call(i + 1))), calls: BATCH },
} as const;
const NAMES = Object.keys(LOADS) as (keyof typeof LOADS)[];

export default async function extdirectBench(): Promise<void> {
  let server: ChildServer | undefined;
  try {
    server = await startTarget('switchboard');
    const url = `${server.url}/ws/extdirect/router`;
    const load = (name: keyof typeof LOADS, duration?: number) =>
      autocannon({ url, method: 'POST', headers: { 'content-type': 'application/json' }, body: LOADS[name].body, duration });
    // Both loads must really be answered with results before they are timed.
    for (const name of NAMES) {
      const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: LOADS[name].body });
      const answer = (await r.json()) as { type: string } | { type: string }[];
      const answers = Array.isArray(answer) ? answer : [answer];
      if (r.status !== 200 || answers.length !== LOADS[name].calls || answers.some((a) => a.type !== 'rpc')) {
        throw new Error(`extdirect bench: unexpected answer to ${name}: ${JSON.stringify(answer).slice(0, 200)}`);
      }
      await load(name, 1); // warm-up
    }
    const runs = await alternate(NAMES, ROUNDS, (name) => load(name as keyof typeof LOADS));
    for (const [name, rs] of runs) {
      const bad = rs.reduce((n, r) => n + r.errors + r.non2xx, 0);
      if (bad > 0) console.log(`warning: ${name} had ${bad} errors/non-2xx answers`);
    }
    const rows = NAMES.map((name) => ({
      name: `${name} (calls/s)`,
      rps: runs.get(name)!.map((r) => r.rps * LOADS[name].calls),
      p99: runs.get(name)!.map((r) => r.p99),
    }));
    printTable('extdirect: person.get calls/s, one POST per call vs batches of 10', rows, rows[0].name);
    const ratio = median(rows[1].rps) / median(rows[0].rps);
    console.log(`batch of ${BATCH} / single: ${ratio.toFixed(2)}× (goal ≥ 4×) ${ratio >= 4 ? 'met' : 'NOT met'}`);
  } finally {
    await server?.close();
  }
}
