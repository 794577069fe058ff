/**
 * Issue 4's SOAP benchmark: `personGet` over SOAP 1.1 on Switchboard against the `soap` npm
 * package's server answering the same operation from a hand-written WSDL. Same envelope, same
 * load, alternating rounds; the ratio of medians is the figure (goal: Switchboard ≥ 4×).
 * Calls/s on a shared machine swing with its load, so each round also charges the server's
 * CPU time (read from its `/__cpu`) per answered call: a second, steadier view of the ratio.
 */
import { type LoadResult, alternateFresh, autocannon, median, printTable } from './lib.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
// soap-raw, a hand-written handler with no parser and no checks, is the floor for reference.
const PEERS = ['soap-switchboard', 'soap-npm', 'soap-raw'] as const;
const ENVELOPE =
  '<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><t:personGet xmlns:t="urn:persons:types"><t:id>1</t:id></t:personGet></soap:Body></soap:Envelope>';
const HEADERS = { 'content-type': 'text/xml; charset=utf-8', soapaction: '"personGet"' };

export default async function soapBench(): Promise<void> {
  const load = (url: string, duration?: number) => ({ url: `${url}/ws`, method: 'POST', headers: HEADERS, body: ENVELOPE, duration });
  // A fresh server per peer and round (see `alternateFresh`), warmed for 2 s.
  const runs = await alternateFresh(
    PEERS,
    ROUNDS,
    2,
    (s, _name, duration) => load(s.url, duration),
    async (s, o) => {
      // Each must answer the envelope with Ross before it is measured.
      const r = await fetch(`${s.url}/ws`, { method: 'POST', headers: HEADERS, body: ENVELOPE });
      const text = await r.text();
      if (r.status !== 200 || !text.includes('Ross')) throw new Error(`${s.url} answered ${r.status}: ${text}`);
      return measured(s.url, o);
    },
  );
  for (const [name, rs] of runs) {
    const bad = rs.reduce((n, r) => n + r.errors + r.non2xx, 0);
    if (bad > 0) console.log(`warning: ${name} had ${bad} errors/non-2xx answers`);
  }
  printTable(
    'soap: POST /ws personGet (SOAP 1.1)',
    PEERS.map((name) => ({ name, rps: runs.get(name)!.map((r) => r.rps), p99: runs.get(name)!.map((r) => r.p99) })),
    'soap-npm',
  );
  const cpu = PEERS.map((name) => ({ name, us: median(runs.get(name)!.map((r) => r.cpuPerCall)) }));
  const base = cpu.find((c) => c.name === 'soap-npm')!.us;
  console.log(
    `\nserver CPU per call (median µs): ${cpu.map((c) => `${c.name} ${c.us.toFixed(1)} (${(base / c.us).toFixed(2)}× fewer than soap-npm)`).join(', ')}`,
  );
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
async function measured(url: string, o: Parameters<typeof autocannon>[0]): Promise<Measured> {
  const before = await cpuOf(url);
  const r = await autocannon(o);
  const spent = (await cpuOf(url)) - before;
  const calls = r.rps * (o.duration ?? Number(process.env.BENCH_SECONDS ?? 3));
  return { ...r, cpuPerCall: spent / Math.max(1, calls) };
}
