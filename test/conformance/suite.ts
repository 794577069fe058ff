/**
 * The server conformance suite: every adapter (shipped or your own) runs it by calling
 * `conformance(name, factory)` from its test file. The factory serves the given `App` and
 * returns a client that talks to it, so the same checks run over HTTP/1.1, TLS, HTTP/2 and a
 * Fetch handler called directly: the persons demo over REST+JSON, one call per registered
 * protocol, faults, body limits, headers both ways, streamed bodies and abort on hang-up.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { App } from '../../src/index.ts';
import { defaultProtocols } from '../../src/protocols/defaults.ts';
import { type Client, type Exchange, send } from './client.ts';
import { ProbeState, SUITE_BODY_LIMIT, suiteApp, within } from './probe.ts';
import { protocolCases } from './protocols.ts';

export interface Served {
  client: Client;
  close(): Promise<void>;
}

/** Serves `app` on the adapter under test. */
export type Factory = (app: App) => Promise<Served>;

const ross = { id: 1, lastname: 'Geller', firstname: 'Ross', age: 30, hobbies: ['Dinosaurs', 'Rachel'] };
const monica = { id: 2, lastname: 'Geller', firstname: 'Monica', age: 28, hobbies: ['Food', 'Cleaning'] };
const WAIT = 10_000;
const get = (path: string, headers?: Record<string, string>): Exchange => ({ method: 'GET', path, headers });
const postJson = (path: string, body: unknown): Exchange => ({
  method: 'POST',
  path,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
const faultOf = (json: unknown) => json as { faultcode?: string; faultstring?: string };

export function conformance(name: string, factory: Factory): void {
  describe(`server conformance: ${name}`, () => {
    const state = new ProbeState();
    let served: Served;
    let c: Client;
    before(async () => {
      served = await factory(suiteApp(state));
      c = served.client;
    });
    after(async () => {
      await c.close();
      await served.close();
    });
    beforeEach(() => state.reset());

    describe('REST+JSON: the persons demo', () => {
      it('GET with a query string', async () => {
        const a = await send(c, get('/ws/person/get?id=1'));
        assert.equal(a.status, 200);
        assert.match(a.headers['content-type'] ?? '', /^application\/json/);
        assert.deepEqual(a.json, ross);
      });
      it('POST an urlencoded form', async () => {
        const a = await send(c, { method: 'POST', path: '/ws/person/get', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'id=2' });
        assert.deepEqual([a.status, a.json], [200, monica]);
      });
      it('POST a JSON body', async () => {
        const a = await send(c, postJson('/ws/person/get', { id: 2 }));
        assert.deepEqual([a.status, a.json], [200, monica]);
      });
      it('create, then read back', async () => {
        const p = { lastname: 'Green', firstname: 'Rachel', age: 29, hobbies: ['Fashion'] };
        const a = await send(c, postJson('/ws/person/create', { p }));
        assert.equal(a.status, 200);
        const id = (a.json as { id: number }).id;
        assert.deepEqual(a.json, { ...p, id });
        assert.deepEqual((await send(c, get(`/ws/person/get?id=${id}`))).json, { ...p, id });
      });
    });

    describe('every registered protocol', () => {
      // REST is one protocol with a codec per format, each with its own case (restjson, restxml).
      for (const name of defaultProtocols().flatMap((p) => p.aliases ?? [p.name])) {
        it(name, async () => {
          const kase = protocolCases[name];
          assert.ok(kase, `no conformance case for protocol "${name}": add one to test/conformance/protocols.ts`);
          const request = typeof kase.request === 'function' ? await kase.request(async (path) => (await send(c, get(path))).text) : kase.request;
          kase.check(await send(c, request));
        });
      }
    });

    describe('faults', () => {
      it('404 below the webpath and outside it', async () => {
        for (const path of ['/ws/nowhere', '/elsewhere']) {
          const a = await send(c, get(path));
          assert.equal(a.status, 404, path);
          assert.equal(faultOf(a.json).faultcode, 'Client', path);
        }
      });
      it('405 with Allow', async () => {
        const a = await send(c, { method: 'POST', path: '/ws/person/list' });
        assert.equal(a.status, 405);
        assert.equal(a.headers.allow, 'GET, HEAD');
      });
      it('400 for bad input, in the caller protocol', async () => {
        const a = await send(c, get('/ws/person/get?id=abc'));
        assert.equal(a.status, 400);
        assert.equal(faultOf(a.json).faultcode, 'Client');
      });
      it('415 for a body nothing reads', async () => {
        const a = await send(c, { method: 'POST', path: '/ws/person/get', headers: { 'content-type': 'application/x-nothing' }, body: 'x' });
        assert.equal(a.status, 415);
      });
      it('500 for a handler that throws, without leaking its message', async () => {
        const a = await send(c, get('/ws/probe/boom'));
        assert.equal(a.status, 500);
        assert.equal(faultOf(a.json).faultcode, 'Server');
        assert.doesNotMatch(a.text, /kaboom/);
      });
    });

    describe('body limits', () => {
      const big = JSON.stringify({ id: 1, pad: 'x'.repeat(SUITE_BODY_LIMIT * 2) });
      it('413 for a declared length over the limit; the server keeps answering', async () => {
        const a = await send(c, { method: 'POST', path: '/ws/person/get', headers: { 'content-type': 'application/json' }, body: big });
        assert.equal(a.status, 413);
        assert.equal(faultOf(a.json).faultcode, 'Client');
        assert.deepEqual((await send(c, get('/ws/person/get?id=1'))).json, ross);
      });
      it('413 for a body without a length that grows over the limit; the server keeps answering', async () => {
        const a = await send(c, { method: 'POST', path: '/ws/person/get', headers: { 'content-type': 'application/json' }, body: big, chunked: true });
        assert.equal(a.status, 413);
        assert.deepEqual((await send(c, get('/ws/person/get?id=1'))).json, ross);
      });
      it('a body without a length under the limit is read whole', async () => {
        const body = 'y'.repeat(SUITE_BODY_LIMIT - 10);
        const a = await send(c, { method: 'POST', path: '/ws/_probe/echo', headers: { 'content-type': 'text/plain' }, body, chunked: true });
        assert.equal(a.status, 200);
        assert.equal((a.json as { length: number }).length, body.length);
      });
      it('a body of exactly the limit is accepted', async () => {
        const a = await send(c, { method: 'POST', path: '/ws/_probe/echo', body: 'z'.repeat(SUITE_BODY_LIMIT) });
        assert.equal((a.json as { length: number }).length, SUITE_BODY_LIMIT);
      });
    });

    describe('headers', () => {
      it('a request header reaches the handler', async () => {
        const a = await send(c, get('/ws/probe/header?name=x-probe', { 'x-probe': 'hello there' }));
        assert.deepEqual([a.status, a.json], [200, 'hello there']);
      });
      it('method, path and query reach the protocol as sent', async () => {
        const a = await send(c, get('/ws/_probe/echo?a=1&b=two%20words', { 'x-probe': 'p' }));
        assert.deepEqual(a.json, { method: 'GET', path: '/ws/_probe/echo', query: 'a=1&b=two%20words', probe: 'p', length: 0 });
      });
      it("the response's headers reach the client", async () => {
        const a = await send(c, get('/ws/_probe/echo'));
        assert.equal(a.headers['x-one'], '1');
        assert.equal(a.headers['x-two'], 'two words');
        assert.equal(a.headers['cache-control'], 'no-store');
        assert.match(a.headers['content-type'] ?? '', /^application\/json/);
      });
      it('204 without a body, with its headers', async () => {
        const a = await send(c, get('/ws/_probe/empty'));
        assert.deepEqual([a.status, a.text, a.headers['x-probe']], [204, '', 'empty']);
      });
    });

    describe('streamed bodies', () => {
      it('each chunk reaches the client as it is produced', async () => {
        const o = await within(c.open(get('/ws/_probe/stream')), WAIT, 'the stream to start');
        assert.equal(o.status, 200);
        assert.equal(o.headers['x-probe'], 'stream');
        let text = '';
        // The second chunk waits for the gate, which opens only once the first one arrived.
        while (!text.includes('one\n')) {
          const step = await within(o.chunks.next(), WAIT, 'the first chunk');
          assert.ok(!step.done, 'the stream ended before its first chunk');
          text += Buffer.from(step.value).toString();
        }
        assert.equal(text, 'one\n');
        state.gate.fire();
        for (let step = await within(o.chunks.next(), WAIT, 'the second chunk'); !step.done; step = await within(o.chunks.next(), WAIT, 'the end')) {
          text += Buffer.from(step.value).toString();
        }
        assert.equal(text, 'one\ntwo\n');
      });
      it('the source is closed when the client hangs up mid-stream', async () => {
        const o = await within(c.open(get('/ws/_probe/endless')), WAIT, 'the stream to start');
        const first = await within(o.chunks.next(), WAIT, 'the first chunk');
        assert.equal(Buffer.from(first.value ?? []).toString(), 'tick\n');
        o.cancel();
        await within(state.endlessClosed.promise, WAIT, "the source's return()");
        assert.deepEqual((await send(c, get('/ws/person/get?id=1'))).json, ross);
      });
    });

    describe('abort', () => {
      it("the handler's ctx.signal fires when the client goes away", async () => {
        const ac = new AbortController();
        const pending = c.open(get('/ws/probe/wait'), ac.signal).then(
          (o) => o.cancel(),
          () => {},
        );
        await within(state.waiting.promise, WAIT, 'the handler to start');
        ac.abort();
        await within(state.aborted.promise, WAIT, 'ctx.signal to fire');
        await within(pending, WAIT, 'the client to settle');
        assert.deepEqual((await send(c, get('/ws/person/get?id=1'))).json, ross);
      });
    });
  });
}
