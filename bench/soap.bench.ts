/**
 * Issue 4's SOAP benchmark: `personGet` over SOAP 1.1 on Switchboard against the `soap` npm
 * package's server answering the same operation from a hand-written WSDL. Same envelope, same
 * load, alternating rounds; the ratio of medians is the figure (goal: Switchboard ≥ 4×).
 */
import { type ChildServer, alternate, autocannon, printTable, startTarget } from './lib.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const PEERS = ['soap-switchboard', 'soap-npm'] as const;
const ENVELOPE =
  '<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><t:personGet xmlns:t="urn:persons:types"><t:id>1</t:id></t:personGet></soap:Body></soap:Envelope>';
const HEADERS = { 'content-type': 'text/xml; charset=utf-8', soapaction: '"personGet"' };

export default async function soapBench(): Promise<void> {
  const servers = new Map<string, ChildServer>();
  try {
    for (const name of PEERS) servers.set(name, await startTarget(name));
    // Both must answer the envelope with Ross before anything is measured.
    for (const [name, s] of servers) {
      const r = await fetch(`${s.url}/ws`, { method: 'POST', headers: HEADERS, body: ENVELOPE });
      const text = await r.text();
      if (r.status !== 200 || !text.includes('Ross')) throw new Error(`${name} answered ${r.status}: ${text}`);
    }
    const load = (url: string, duration?: number) => ({ url: `${url}/ws`, method: 'POST', headers: HEADERS, body: ENVELOPE, duration });
    for (const s of servers.values()) await autocannon(load(s.url, 1)); // warm-up
    const runs = await alternate(PEERS, ROUNDS, (name) => autocannon(load(servers.get(name)!.url)));
    for (const [name, rs] of runs) {
      const bad = rs.reduce((n, r) => n + r.errors + r.non2xx, 0);
      if (bad > 0) console.log(`warning: ${name} had ${bad} errors/non-2xx answers`);
    }
    printTable(
      'soap: POST /ws personGet (SOAP 1.1)',
      PEERS.map((name) => ({ name, rps: runs.get(name)!.map((r) => r.rps), p99: runs.get(name)!.map((r) => r.p99) })),
      'soap-npm',
    );
  } finally {
    for (const s of servers.values()) await s.close();
  }
}
