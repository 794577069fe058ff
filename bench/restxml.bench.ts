/**
 * Issue 4's REST+XML benchmark: the persons demo answering REST+XML against the same server
 * answering REST+JSON, on the same functions — GET /ws/person/get?id=1 (XML chosen by
 * `Accept: text/xml`) and POST /ws/person/create with the same person as a JSON or an XML body.
 * Same run, alternating rounds, ratio of medians. Goal: REST+XML ≥ 0.7× REST+JSON.
 */
import { Person } from '../examples/persons/person.ts';
import { jsonDecoder, jsonEncoder } from '../src/schema/json.ts';
import { parseJson } from '../src/schema/jsontext.ts';
import { Binder } from '../src/runtime/binder.ts';
import { xmlEncoder } from '../src/schema/xml.ts';
import { parseXml } from '../src/schema/xmltext.ts';
import { type ChildServer, alternate, autocannon, type LoadOptions, printTable, startTarget } from './lib.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const PEERS = ['restjson', 'restxml'] as const;
type Peer = (typeof PEERS)[number];

const JSON_BODY = JSON.stringify({ p: { lastname: 'Bing', firstname: 'Chandler', age: 29, hobbies: ['jokes', 'Monica'] } });
const XML_BODY =
  '<parameters><p><lastname>Bing</lastname><firstname>Chandler</firstname><age>29</age><hobbies><item>jokes</item><item>Monica</item></hobbies></p></parameters>';

function load(base: string, peer: Peer, post: boolean, duration?: number): LoadOptions {
  if (!post) {
    return { url: `${base}/ws/person/get?id=1`, headers: { accept: peer === 'restxml' ? 'text/xml' : 'application/json' }, duration };
  }
  return {
    url: `${base}/ws/person/create`,
    method: 'POST',
    headers: { 'content-type': peer === 'restxml' ? 'text/xml' : 'application/json' },
    body: peer === 'restxml' ? XML_BODY : JSON_BODY,
    duration,
  };
}

/**
 * The protocol work alone, in process (no HTTP): read the create body into arguments and write
 * the person back, per format. Less noisy than the HTTP runs on a shared machine.
 */
async function codecBench(): Promise<void> {
  const decodeJson = jsonDecoder(Person);
  const encodeJson = jsonEncoder(Person);
  const binder = new Binder('person.update', [{ name: 'p', schema: Person, required: true, hasDefault: false, default: undefined, takesNull: false }]);
  const readXml = (root: ReturnType<typeof parseXml>) => binder.elements({}, root);
  const encodeXml = xmlEncoder(Person);
  const work: Record<Peer, () => string> = {
    restjson: () => {
      const body = parseJson(JSON_BODY) as { p: unknown };
      return encodeJson(decodeJson(body.p, 'p'));
    },
    restxml: () => encodeXml(readXml(parseXml(XML_BODY)).p, 'result'),
  };
  // Warm-up: let the JIT settle on both paths before measuring.
  for (let i = 0; i < 50_000; i++) {
    work.restjson();
    work.restxml();
  }
  const runs = await alternate(PEERS, ROUNDS, async (peer) => {
    const f = work[peer as Peer];
    const end = performance.now() + 500;
    let n = 0;
    while (performance.now() < end) {
      for (let i = 0; i < 500; i++) f();
      n += 500;
    }
    return n * 2;
  });
  printTable(
    'restxml: codec only (read create body, write person), calls/s in process',
    PEERS.map((name) => ({ name, rps: runs.get(name)! })),
    'restjson',
  );
}

export default async function restxmlBench(): Promise<void> {
  await codecBench();
  let server: ChildServer | undefined;
  try {
    // One server answers both protocols, so the comparison is of the protocols alone.
    server = await startTarget('switchboard');
    const base = server.url;
    for (const post of [false, true]) {
      const route = post ? 'POST /ws/person/create' : 'GET /ws/person/get?id=1';
      for (const peer of PEERS) await autocannon(load(base, peer, post, 1));
      const runs = await alternate(PEERS, ROUNDS, (peer) => autocannon(load(base, peer as Peer, post)));
      for (const [name, rs] of runs) {
        const bad = rs.reduce((n, r) => n + r.errors + r.non2xx, 0);
        if (bad > 0) console.log(`warning: ${name} had ${bad} errors/non-2xx answers on ${route}`);
      }
      printTable(
        `restxml: ${route}`,
        PEERS.map((name) => ({ name, rps: runs.get(name)!.map((r) => r.rps), p99: runs.get(name)!.map((r) => r.p99) })),
        'restjson',
      );
    }
  } finally {
    await server?.close();
  }
}
