// The property-based sweep of issue 10: for each protocol, fast-check generates hostile
// requests (valid kitchen calls mutated, random bytes, deep nesting, huge numbers, odd unicode,
// wrong types, duplicate keys) against a real server, and every answer must be one in the
// caller's protocol, never a 5xx for the client's mistake, never a Server fault, never a
// crash; the heap must come back within a bound afterwards. `HOSTILE_RUNS=10000` runs the full
// sweep, which also holds every answer to 100 ms and prints the figures.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { type Body, SEEDS, contentType, deepXml, hostileBody, hostileJson, jsonOf, mutatedArgs, mutatedXmlArgs, xmlOf, xmlText } from './arbitraries.ts';
import {
  FULL,
  Figures,
  HEAP_SLACK,
  type HttpAnswer,
  type Kitchen,
  MAX_LATENCY_MS,
  RUNS,
  SentinelSocket,
  type SocketAnswer,
  heapAfterGc,
  send,
  startKitchen,
} from './sweep.ts';

const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const SOAP12 = 'http://www.w3.org/2003/05/soap-envelope';
const TYPES = 'urn:kitchen:types';

const seed = fc.constantFrom(...SEEDS);
const restPath = (fn: string) => `/k/${fn.split('.').join('/')}`;
const opName = (fn: string) =>
  fn
    .split('.')
    .map((p, i) => (i === 0 ? p : p[0].toUpperCase() + p.slice(1)))
    .join('');
/** A method name: the seed's, a near miss, or anything. */
const methodName = (fn: string) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constant(fn) },
    { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
    { weight: 1, arbitrary: fc.constantFrom('', '.', 'args.', '__proto__.x', 'constructor', 'args.__proto__', 'rpc.discover', 'x'.repeat(5000)) },
  );
/** A JSON body around a seed's arguments: mutated, or replaced by anything hostile. */
const jsonArgs = (args: Record<string, unknown>) =>
  fc.oneof({ weight: 3, arbitrary: mutatedArgs(args) }, { weight: 1, arbitrary: fc.constant(jsonOf(args)) }, { weight: 2, arbitrary: hostileJson });
const anyId = fc.oneof(fc.integer(), fc.string({ maxLength: 10 }), fc.constantFrom('null', 'true', '{}', '[]', '1e400', '-0', '"x"'));

let kitchen: Kitchen;
before(async () => {
  kitchen = await startKitchen();
});
after(async () => {
  await kitchen.close();
});

/** Runs `RUNS` hostile requests of one protocol, checking each answer; the heap and figures after. */
async function sweep<T, A extends { ms: number }>(name: string, arb: fc.Arbitrary<T>, run: (t: T) => Promise<A>, check: (a: A, t: T) => void): Promise<void> {
  // Warm up the paths before measuring the heap.
  await fc.assert(
    fc.asyncProperty(arb, async (t) => check(await run(t), t)),
    { numRuns: 20, seed: 1, includeErrorInReport: true },
  );
  const f = new Figures();
  f.heapBefore = heapAfterGc();
  f.started = performance.now();
  await fc.assert(
    fc.asyncProperty(arb, async (t) => {
      const a = await run(t);
      f.add(a.ms);
      check(a, t);
      if (FULL && a.ms > MAX_LATENCY_MS) {
        // Six engineers share two cores: a slow answer is sent twice more, and only an input
        // that is slow every time (its own cost, not the machine's) fails.
        f.outliers++;
        let best = a.ms;
        for (let i = 0; i < 2 && best > MAX_LATENCY_MS; i++) best = Math.min(best, (await run(t)).ms);
        assert.ok(best <= MAX_LATENCY_MS, `${name}: answered in ${best.toFixed(1)} ms at best of three`);
      }
    }),
    { numRuns: RUNS, includeErrorInReport: true },
  );
  f.ms = performance.now() - f.started;
  f.heapAfter = heapAfterGc();
  const line = f.summary(name);
  if (FULL) console.log(`# ${line}`);
  assert.deepEqual(
    kitchen.serverErrors.map((e) => e.message),
    [],
    `${name}: no Server faults`,
  );
  assert.ok(f.heapAfter - f.heapBefore < HEAP_SLACK, line);
}

/** An HTTP answer to a client's mistake: not a 5xx, and a JSON body (a result or a fault). */
function jsonAnswer(a: HttpAnswer, what: string): unknown {
  assert.ok(a.status < 500, `${what}: ${a.status} ${a.text.slice(0, 300)}`);
  if (a.status === 204) return undefined;
  assert.match(a.type, /^application\/json/, `${what}: ${a.type} ${a.text.slice(0, 200)}`);
  return JSON.parse(a.text);
}

/** The full sweep runs for minutes per protocol, past the runner's default timeout. */
const long = { timeout: FULL ? 3_600_000 : 120_000 };

describe('hostile sweep', () => {
  it('REST+JSON', long, async () => {
    const arb = seed.chain((s) =>
      fc.record({
        fn: fc.constant(s.fn),
        type: contentType('application/json'),
        body: hostileBody(jsonOf(s.args), jsonArgs(s.args)),
        query: fc.option(fc.string({ unit: 'binary', maxLength: 30 }), { nil: undefined }),
      }),
    );
    await sweep(
      'REST+JSON',
      arb,
      (r) =>
        send(
          `${kitchen.url}${restPath(r.fn)}${r.query === undefined ? '' : `?${r.query}`}`,
          'POST',
          { 'content-type': r.type, accept: 'application/json' },
          r.body,
        ),
      (a) => {
        const v = jsonAnswer(a, 'REST+JSON');
        if (a.status >= 400) assert.equal((v as { faultcode: string }).faultcode, 'Client', a.text);
      },
    );
  });

  it('REST+XML', long, async () => {
    const arb = seed.chain((s) =>
      fc.record({
        fn: fc.constant(s.fn),
        type: contentType('text/xml'),
        body: hostileBody(
          `<parameters>${xmlOf(s.args)}</parameters>`,
          fc.oneof(
            mutatedXmlArgs(s.args).map((x) => `<parameters>${x}</parameters>`),
            xmlText,
            deepXml,
          ),
        ),
      }),
    );
    await sweep(
      'REST+XML',
      arb,
      (r) => send(`${kitchen.url}${restPath(r.fn)}`, 'POST', { 'content-type': r.type, accept: 'text/xml' }, r.body),
      (a) => {
        assert.ok(a.status < 500, `REST+XML: ${a.status} ${a.text.slice(0, 300)}`);
        if (a.status === 204) return;
        assert.match(a.type, /^text\/xml/, a.text.slice(0, 200));
        if (a.status >= 400) assert.match(a.text, /^<error><faultcode>Client<\/faultcode>/);
        else assert.match(a.text, /^<result/);
      },
    );
  });

  for (const version of ['1.1', '1.2'] as const) {
    it(`SOAP ${version}`, long, async () => {
      const ns = version === '1.1' ? SOAP11 : SOAP12;
      const envelope = (body: string) => `<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="${ns}"><s:Body>${body}</s:Body></s:Envelope>`;
      const arb = seed.chain((s) => {
        const op = opName(s.fn);
        const valid = envelope(`<${op} xmlns="${TYPES}">${xmlOf(s.args)}</${op}>`);
        return fc.record({
          action: fc.oneof(fc.constant(op), fc.constant(''), fc.string({ maxLength: 12 })),
          body: hostileBody(
            valid,
            fc.oneof(
              mutatedXmlArgs(s.args).map((x) => envelope(`<${op} xmlns="${TYPES}">${x}</${op}>`)),
              xmlText.map(envelope),
              xmlText,
              deepXml.map(envelope),
            ),
          ),
        });
      });
      const headers = (action: string): Record<string, string> =>
        version === '1.1'
          ? { 'content-type': 'text/xml; charset=utf-8', soapaction: JSON.stringify(action) }
          : { 'content-type': `application/soap+xml; charset=utf-8; action=${JSON.stringify(action)}` };
      await sweep(
        `SOAP ${version}`,
        arb,
        (r) => send(`${kitchen.url}/k`, 'POST', headers(r.action), r.body),
        (a) => {
          // SOAP answers every fault with 500; whose fault it is, its code says.
          assert.ok(a.status === 200 || a.status === 500 || (a.status >= 400 && a.status < 500), `${a.status} ${a.text.slice(0, 300)}`);
          assert.match(a.type, version === '1.1' ? /^text\/xml/ : /^application\/soap\+xml/, a.text.slice(0, 200));
          assert.match(a.text, /^<\?xml version="1\.0" encoding="UTF-8"\?><soap:Envelope /, a.text.slice(0, 300));
          if (a.status !== 200)
            assert.match(
              a.text,
              version === '1.1'
                ? /<faultcode>soap:(Client|VersionMismatch|MustUnderstand)<\/faultcode>/
                : /<soap:Value>soap:(Sender|VersionMismatch|MustUnderstand)<\/soap:Value>/,
              a.text,
            );
        },
      );
    });
  }

  it('Ext Direct', long, async () => {
    const call = (s: (typeof SEEDS)[number]) => {
      const [action, ...rest] = s.fn.split('.');
      const method = rest.join('.');
      return fc
        .record({
          action: fc.oneof({ weight: 5, arbitrary: fc.constant(JSON.stringify(action)) }, { weight: 1, arbitrary: hostileJson }),
          method: fc.oneof({ weight: 5, arbitrary: fc.constant(JSON.stringify(method)) }, { weight: 1, arbitrary: hostileJson }),
          type: fc.oneof({ weight: 5, arbitrary: fc.constant('"rpc"') }, { weight: 1, arbitrary: hostileJson }),
          tid: fc.oneof({ weight: 5, arbitrary: fc.nat().map(String) }, { weight: 1, arbitrary: hostileJson }),
          data: jsonArgs(s.args),
        })
        .map((c) => `{"action":${c.action},"method":${c.method},"type":${c.type},"tid":${c.tid},"data":${c.data}}`);
    };
    const arb = fc.record({
      type: contentType('application/json'),
      body: seed.chain((s) =>
        hostileBody(
          jsonOf({ action: s.fn.split('.')[0], method: s.fn.split('.').slice(1).join('.'), type: 'rpc', tid: 1, data: s.args }),
          fc.oneof(
            call(s),
            fc.array(seed.chain(call), { maxLength: 6 }).map((cs) => `[${cs.join(',')}]`),
            hostileJson,
          ),
        ),
      ),
    });
    await sweep(
      'Ext Direct',
      arb,
      (r) => send(`${kitchen.url}/k/extdirect/router`, 'POST', { 'content-type': r.type }, r.body),
      (a) => {
        const v = jsonAnswer(a, 'Ext Direct');
        for (const m of Array.isArray(v) ? v : [v]) {
          const msg = m as { type: string; faultcode?: string };
          assert.ok(msg.type === 'rpc' || msg.type === 'exception', a.text.slice(0, 300));
          if (msg.type === 'exception') assert.equal(msg.faultcode, 'Client', a.text.slice(0, 300));
        }
      },
    );
  });

  /** A JSON-RPC request (or a batch of them) around the seeds, hostile in any member. */
  const rpcMessage = fc.oneof(
    seed.chain((s) => rpcRequest(s)),
    fc.array(seed.chain(rpcRequest), { maxLength: 6 }).map((rs) => `[${rs.join(',')}]`),
    hostileJson,
  );
  function rpcRequest(s: (typeof SEEDS)[number]): fc.Arbitrary<string> {
    return fc
      .record({
        version: fc.oneof({ weight: 6, arbitrary: fc.constant('"2.0"') }, { weight: 1, arbitrary: hostileJson }),
        method: methodName(s.fn).map((m) => JSON.stringify(m)),
        params: jsonArgs(s.args),
        id: fc.option(
          anyId.map((i) => (typeof i === 'number' ? String(i) : i.startsWith('"') || /^[-\d[{tn]/.test(i) ? i : JSON.stringify(i))),
          { nil: undefined },
        ),
      })
      .map((r) => `{"jsonrpc":${r.version},"method":${r.method},"params":${r.params}${r.id === undefined ? '' : `,"id":${r.id}`}}`);
  }

  /** One JSON-RPC answer (or batch): each a response object, none an Internal error. */
  function rpcAnswer(v: unknown, where: string): void {
    for (const r of Array.isArray(v) ? v : [v]) {
      const x = r as { jsonrpc?: string; error?: { code: number } };
      assert.equal(x.jsonrpc, '2.0', where);
      assert.notEqual(x.error?.code, -32603, where);
    }
  }

  it('JSON-RPC over HTTP', long, async () => {
    const arb = fc.record({
      type: contentType('application/json'),
      body: seed.chain((s) => hostileBody(jsonOf({ jsonrpc: '2.0', method: s.fn, params: s.args, id: 1 }), rpcMessage)),
    });
    await sweep(
      'JSON-RPC over HTTP',
      arb,
      (r) => send(`${kitchen.url}/k/jsonrpc`, 'POST', { 'content-type': r.type }, r.body),
      (a) => {
        const v = jsonAnswer(a, 'JSON-RPC');
        if (v !== undefined) rpcAnswer(v, a.text.slice(0, 300));
      },
    );
  });

  /** Checks what a socket answered: its frames, or a close for the client's mistake (1007 not UTF-8, 1009 too big). */
  const socketCheck = (frame: (f: unknown, where: string) => void) => (a: SocketAnswer, m: Body) => {
    const where = `${typeof m === 'string' ? m.slice(0, 200) : `<${m.length} bytes>`} -> ${JSON.stringify(a.frames).slice(0, 300)}`;
    assert.notEqual(a.closed, -1, `no answer within 5 s: ${where}`);
    if (a.closed !== undefined) assert.ok(a.closed === 1007 || a.closed === 1009, `closed with ${a.closed}: ${where}`);
    for (const f of a.frames) frame(f, where);
  };

  it('JSON-RPC over WebSocket', long, async () => {
    const socket = new SentinelSocket(
      kitchen.ws,
      'jsonrpc',
      (id) => JSON.stringify({ jsonrpc: '2.0', method: 'args.pair', params: { a: 1, b: 's' }, id }),
      (f, id) => (f as { id?: unknown }).id === id,
    );
    try {
      const arb = seed.chain((s) => hostileBody(jsonOf({ jsonrpc: '2.0', method: s.fn, params: s.args, id: 1 }), rpcMessage));
      await sweep('JSON-RPC over WebSocket', arb, (m) => socket.exchange(m), socketCheck(rpcAnswer));
    } finally {
      socket.close();
    }
  });

  /** An RPC frame's answer: a result, an error that is the client's, or a stream's event or end. */
  function rpcFrame(f: unknown, where: string): void {
    const x = f as { status?: number; error?: { faultcode: string }; event?: unknown; code?: number };
    if (x.event !== undefined) return;
    if (x.code !== undefined) {
      // A seed-form answer: the HTTP status of the request it carried.
      assert.ok(x.code < 500, where);
      return;
    }
    assert.equal(typeof x.status, 'number', where);
    assert.ok(x.status! < 500, where);
    if (x.error) assert.equal(x.error.faultcode, 'Client', where);
  }

  it('WebSocket RPC frames', long, async () => {
    const socket = new SentinelSocket(
      kitchen.ws,
      undefined,
      (id) => JSON.stringify({ id, method: 'args.pair', params: { a: 1, b: 's' } }),
      (f, id) => (f as { id?: unknown }).id === id,
    );
    try {
      const frame = seed.chain((s) =>
        fc
          .record({
            id: anyId.map((i) => (typeof i === 'number' ? String(i) : JSON.stringify(i))),
            method: methodName(s.fn).map((m) => JSON.stringify(m)),
            params: jsonArgs(s.args),
          })
          .map((r) => `{"id":${r.id},"method":${r.method},"params":${r.params}}`),
      );
      const arb = seed.chain((s) => hostileBody(jsonOf({ id: 1, method: s.fn, params: s.args }), fc.oneof(frame, hostileJson)));
      await sweep('WebSocket RPC', arb, (m) => socket.exchange(m), socketCheck(rpcFrame));
    } finally {
      socket.close();
    }
  });

  it('WebSocket seed frames', long, async () => {
    const socket = new SentinelSocket(
      kitchen.ws,
      undefined,
      (id) => JSON.stringify({ id, method: 'args.pair', params: { a: 1, b: 's' } }),
      (f, id) => (f as { id?: unknown }).id === id,
    );
    try {
      const frame = seed.chain((s) =>
        fc
          .record({
            uuid: fc.oneof(
              fc.string({ maxLength: 10 }).map((u) => JSON.stringify(u)),
              hostileJson,
            ),
            method: fc.oneof(fc.constantFrom('"POST"', '"GET"', '"PUT"', '"DELETE"', '"OPTIONS"', '"BREW"'), hostileJson),
            path: fc.oneof(
              { weight: 4, arbitrary: fc.constant(JSON.stringify(restPath(s.fn))) },
              { weight: 1, arbitrary: fc.string({ maxLength: 30 }).map((p) => JSON.stringify(p)) },
              { weight: 1, arbitrary: hostileJson },
            ),
            headers: fc.oneof(fc.constant('{"content-type":"application/json"}'), fc.constant('{"content-type":"text/xml"}'), hostileJson),
            body: fc.oneof(
              jsonArgs(s.args),
              fc.constant(JSON.stringify(`<parameters>${xmlOf(s.args)}</parameters>`)),
              xmlText.map((x) => JSON.stringify(x)),
            ),
          })
          .map((r) => `{"uuid":${r.uuid},"method":${r.method},"path":${r.path},"headers":${r.headers},"body":${r.body}}`),
      );
      const arb = seed.chain((s) =>
        hostileBody(jsonOf({ uuid: 'u', method: 'POST', path: restPath(s.fn), headers: { 'content-type': 'application/json' }, body: s.args }), frame),
      );
      await sweep('WebSocket seed frames', arb, (m) => socket.exchange(m), socketCheck(rpcFrame));
    } finally {
      socket.close();
    }
  });
});
