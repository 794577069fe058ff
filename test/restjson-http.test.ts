// REST+JSON end to end: protocol selection, HTTP statuses, fault documents, body limits,
// malformed input, the index page and the handler's context, against real servers.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { type Running, createApp, restjson, serve } from '../src/index.ts';
import { useDemo } from './helpers/demo.ts';
import { call, clientFault, postJson } from './helpers/http.ts';
import { kitchenRoot } from './helpers/kitchen.ts';

const ross = { id: 1, lastname: 'Geller', firstname: 'Ross', age: 30, hobbies: ['Dinosaurs', 'Rachel'] };
const faultstring = (json: unknown) => (json as { faultstring: string }).faultstring;

describe('REST+JSON: selection and statuses (the demo)', () => {
  const demo = useDemo();

  it('Accept: application/json, text/javascript, */*, a wildcard list', async () => {
    for (const accept of ['application/json', 'text/javascript', '*/*', 'application/*;q=0.5', 'image/png, application/json;q=0.1', 'image/png, */*;q=0.1']) {
      const r = await call(`${demo.ws}/get?id=1`, { headers: { accept } });
      assert.deepEqual([r.status, r.json], [200, ross], accept);
    }
  });

  it('a trailing .json selects REST+JSON and is stripped before routing', async () => {
    const r = await call(`${demo.ws}/get.json?id=1`, { headers: { accept: 'image/png' } });
    assert.deepEqual([r.status, r.json], [200, ross]);
    assert.deepEqual((await call(`${demo.ws}.json`)).status, 200);
  });

  it('wsmeproto=restjson selects REST+JSON and is not an argument (query, form, JSON body)', async () => {
    const q = await call(`${demo.ws}/get?wsmeproto=restjson&id=1`, { headers: { accept: 'image/png' } });
    assert.deepEqual([q.status, q.json], [200, ross]);
    const f = await call(`${demo.ws}/get?wsmeproto=restjson`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'id=1',
    });
    assert.deepEqual([f.status, f.json], [200, ross]);
    const j = await postJson(`${demo.ws}/get?id=1&wsmeproto=restjson`, {});
    assert.deepEqual([j.status, j.json], [200, ross]);
    const unknown = await call(`${demo.ws}/get?id=1&wsmeproto=nope`);
    assert.equal(unknown.status, 400);
    assert.match(faultstring(unknown.json), /unknown protocol nope; known: .*restjson/);
  });

  it('406 for an Accept nothing can serve, listing what is available', async () => {
    const r = await call(`${demo.ws}/get?id=1`, { headers: { accept: 'image/png, text/csv;q=0.5' } });
    assert.equal(r.status, 406);
    assert.equal((r.json as { faultcode: string }).faultcode, 'Client');
    assert.match(
      faultstring(r.json),
      /^Cannot answer in any of the accepted types \(image\/png, text\/csv;q=0\.5\); available: .*application\/json, text\/javascript/,
    );
  });

  it('415 for a body nothing reads, listing what is accepted', async () => {
    const r = await call(`${demo.ws}/get`, { method: 'POST', headers: { 'content-type': 'image/png' }, body: 'xx' });
    assert.equal(r.status, 415);
    assert.match(faultstring(r.json), /^Cannot read a body of type image\/png; accepted: .*application\/json, text\/javascript/);
  });

  it('the 415 answer names the form posts the demo reads too', async () => {
    const r = await call(`${demo.ws}/get`, { method: 'POST', headers: { 'content-type': 'image/png' }, body: 'xx' });
    assert.equal(r.status, 415);
    const accepted = faultstring(r.json).split('accepted: ')[1].split(', ');
    assert.ok(accepted.includes('application/x-www-form-urlencoded'), faultstring(r.json));
    assert.ok(accepted.includes('multipart/form-data'), faultstring(r.json));
  });

  it('404 for unknown paths, inside and outside the webpath', async () => {
    for (const path of ['/ws/person/nope', '/ws/nope', '/ws', '/other', '/ws/person/get/extra']) {
      const r = await call(`${demo.url}${path}`);
      assert.equal(r.status, 404, path);
      assert.equal((r.json as { faultcode: string }).faultcode, 'Client', path);
    }
    assert.deepEqual((await call(`${demo.ws}/nope`)).json, clientFault('No function at person/nope', 'SB_NOT_FOUND'));
  });

  it('405 with Allow for a verb a function does not take', async () => {
    const r = await call(`${demo.ws}/get?id=1`, { method: 'DELETE' });
    assert.equal(r.status, 405);
    assert.equal(r.headers.get('allow'), 'GET, HEAD, POST');
  });

  it('HEAD answers the headers of GET without a body', async () => {
    const r = await call(`${demo.ws}/get?id=1`, { method: 'HEAD' });
    assert.equal(r.status, 200);
    assert.equal(r.text, '');
    assert.equal(r.headers.get('content-length'), String(JSON.stringify(ross).length));
  });

  it('GET / is a short page linking every demo function', async () => {
    const r = await call(`${demo.url}/`);
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type') ?? '', /^text\/html/);
    for (const fn of ['get', 'list', 'update', 'create', 'destroy']) assert.ok(r.text.includes(`href="/ws/person/${fn}"`), fn);
  });

  it('413 for a body over the limit (1 MiB), and the server still answers', async () => {
    const big = JSON.stringify({ id: 1, pad: 'x'.repeat(1024 * 1024) });
    const r = await call(`${demo.ws}/get`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: big });
    assert.equal(r.status, 413);
    assert.deepEqual(r.json, clientFault('Request body is larger than the limit of 1048576 bytes', 'SB_BODY_TOO_LARGE'));
    assert.deepEqual((await call(`${demo.ws}/get?id=1`)).json, ross);
  });

  it('413 for a chunked body that grows over the limit', async () => {
    const chunk = new Uint8Array(64 * 1024).fill(32);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        if (sent >= 40) c.close();
        else {
          sent++;
          c.enqueue(chunk);
        }
      },
    });
    let status: number;
    try {
      const r = await fetch(`${demo.ws}/get`, { method: 'POST', headers: { 'content-type': 'application/json' }, body, duplex: 'half' } as RequestInit);
      status = r.status;
      await r.text();
    } catch {
      status = 413; // the server may close before the client finished sending: also a refusal
    }
    assert.equal(status, 413);
    assert.deepEqual((await call(`${demo.ws}/get?id=1`)).json, ross);
  });

  it('an empty chunked JSON body carries no arguments', async () => {
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.close();
      },
    });
    const r = await fetch(`${demo.ws}/get?id=1`, { method: 'POST', headers: { 'content-type': 'application/json' }, body, duplex: 'half' } as RequestInit);
    assert.equal(r.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.deepEqual([r.status, await r.json()], [200, ross]);
  });

  it('malformed bodies are client faults, never crashes', async () => {
    const bodies = ['', '{', 'null', '[]', '"x"', '{"id": 1}}', '\u0000', `${'['.repeat(100_000)}`, '{"__proto__": {"id": 1}}', '{"constructor": 1}'];
    for (const body of bodies) {
      const r = await call(`${demo.ws}/get`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      assert.equal(r.status, 400, JSON.stringify(body.slice(0, 20)));
      assert.equal((r.json as { faultcode: string }).faultcode, 'Client');
    }
    const bytes = await call(`${demo.ws}/get`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: new Uint8Array([0xff, 0xfe, 0x7b]) });
    assert.equal(bytes.status, 400);
    const form = await call(`${demo.ws}/get`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'id=%E0%A4%A' });
    assert.equal(form.status, 400);
    const q = await call(`${demo.ws}/update?p.id=1&p.id.x=2`);
    assert.equal(q.status, 400);
    const proto = await call(`${demo.ws}/update?p.__proto__.id=1`);
    assert.equal(proto.status, 400);
    const badName = await call(`${demo.ws}/get?id=1&wsmeproto=%E0`);
    assert.equal(badName.status, 400);
    assert.match(faultstring(badName.json), /unknown protocol %E0/);
    assert.deepEqual((await call(`${demo.ws}/get?id=1`)).json, ross);
  });
});

describe('REST+JSON: faults, results and the handler context', () => {
  let running: Running;
  let debug: Running;
  let nested: Running;
  let small: Running;
  const slow: { started?: () => void; ended?: (how: string) => void } = {};
  const serverErrors: string[] = [];
  before(async () => {
    const root = kitchenRoot({ onSlowStart: () => slow.started?.(), onSlow: (how) => slow.ended?.(how) });
    running = await serve(root, { port: 0, host: '127.0.0.1', onServerError: (e) => serverErrors.push(e.message) });
    debug = await serve(kitchenRoot(), { port: 0, host: '127.0.0.1', debug: true });
    nested = await serve(createApp(kitchenRoot(), { protocols: [restjson({ nest_result: true })] }), { port: 0, host: '127.0.0.1' });
    small = await serve(kitchenRoot(), { port: 0, host: '127.0.0.1', bodyLimit: 16 });
  });
  after(() => Promise.all([running.close(), debug.close(), nested.close(), small.close()]));

  it('a thrown non-ClientError is a 500 Server fault with a generic faultstring', async () => {
    for (const fn of ['boom', 'asyncBoom']) {
      const r = await call(`${running.url}/k/misc/${fn}`);
      assert.equal(r.status, 500, fn);
      assert.deepEqual(r.json, { faultcode: 'Server', faultstring: 'Internal server error', debuginfo: null, code: 'SB_SERVER_ERROR' }, fn);
      assert.ok(!r.text.includes('secret'), fn);
    }
    // A result that does not fit its schema is the server's fault too; the value is not shown.
    const r = await call(`${running.url}/k/misc/badResult`);
    assert.deepEqual(
      [r.status, r.json],
      [
        500,
        { faultcode: 'Server', faultstring: 'The function returned an invalid value at result: expected integer', debuginfo: null, code: 'SB_INVALID_RESULT' },
      ],
    );
    assert.ok(serverErrors.length >= 3);
  });

  it('debug mode: debuginfo carries the stack', async () => {
    const r = await call(`${debug.url}/k/misc/boom`);
    assert.equal(r.status, 500);
    const f = r.json as { faultcode: string; faultstring: string; debuginfo: string };
    assert.equal(f.faultcode, 'Server');
    assert.equal(f.faultstring, 'Internal server error');
    assert.match(f.debuginfo, /Error: secret internals\n\s+at /);
    const a = await call(`${debug.url}/k/misc/asyncBoom`);
    assert.match((a.json as { debuginfo: string }).debuginfo, /TypeError: async secret/);
  });

  it('a ClientError keeps its own status', async () => {
    const r = await call(`${running.url}/k/misc/teapot`);
    assert.deepEqual([r.status, r.json], [418, clientFault('I am a teapot')]);
  });

  it('no return type answers 200 null', async () => {
    const r = await call(`${running.url}/k/misc/nothing`);
    assert.deepEqual([r.status, r.text], [200, 'null']);
  });

  it('nest_result wraps results as {"result": …}, not faults', async () => {
    assert.equal((await call(`${nested.url}/k/args/pair?a=1&b=x`)).text, '{"result":"x:1"}');
    assert.equal((await call(`${nested.url}/k/misc/nothing`)).text, '{"result":null}');
    assert.deepEqual((await call(`${nested.url}/k/args/pair?a=1`)).json, clientFault('Missing argument: "b"', 'SB_MISSING_ARGUMENT'));
  });

  it('bodyLimit option', async () => {
    const r = await postJson(`${small.url}/k/args/pair`, { a: 1, b: 'a long enough string' });
    assert.equal(r.status, 413);
    assert.deepEqual(r.json, clientFault('Request body is larger than the limit of 16 bytes', 'SB_BODY_TOO_LARGE'));
    assert.equal((await postJson(`${small.url}/k/args/pair`, { a: 1, b: '' })).status, 200);
  });

  it('the handler sees headers, client address, path, query and its name', async () => {
    const r = await call(`${running.url}/k/misc/context?`, { headers: { 'x-test': 'hi' } });
    assert.deepEqual(r.json, { name: 'misc.context', method: 'GET', path: '/k/misc/context', query: '', header: 'hi', remote: '127.0.0.1', aborted: 'false' });
  });

  it('the abort signal fires when the client disconnects mid-call', async () => {
    const started = new Promise<void>((resolve) => {
      slow.started = resolve;
    });
    const ended = new Promise<string>((resolve) => {
      slow.ended = resolve;
    });
    const req = request(`${running.url}/k/misc/slow?ms=20000`);
    req.on('error', () => {});
    req.end();
    await started;
    req.destroy();
    assert.equal(await ended, 'aborted');
    const ok = await call(`${running.url}/k/misc/slow?ms=1`);
    assert.deepEqual([ok.status, ok.json], [200, 'done']);
  });
});
