/**
 * An EDL file served: examples/edl/books.edl with its in-memory handlers, over REST+JSON,
 * REST+XML, JSON-RPC, Ext Direct and SOAP (node-soap) — the file's paths, verbs, parameters,
 * statuses and content types, the response views' projection — and the start-up errors.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import soap from 'soap';
import { booksApi } from '../examples/edl/app.ts';
import { memoryHandlers } from '../examples/edl/store.ts';
import { ClientError, type Running, createApp, edlApi, serve } from '../src/index.ts';
import { call, postJson } from './helpers/http.ts';

const FILE = new URL('../examples/edl/books.edl', import.meta.url).pathname;

describe('EDL: books.edl served', () => {
  let running: Running;
  let url: string;
  before(async () => {
    running = await serve(createApp(booksApi({ database: ':memory:' })), { port: 0, host: '127.0.0.1' });
    url = running.url;
    for (const book of [
      { title: 'Dune', author: 'Herbert', description: 'Sand.', pages: 412 },
      { title: 'Anathem', author: 'Stephenson' },
    ]) {
      const created = await postJson(`${url}/api/book`, book);
      assert.equal(created.status, 201);
    }
  });
  after(() => running.close());

  it('REST+JSON: the paths the domain naming gives, 201 on create, the Full view', async () => {
    const got = await call(`${url}/api/book/1`);
    assert.equal(got.status, 200);
    assert.deepEqual(got.json, { id: 1, title: 'Dune', author: 'Herbert', description: 'Sand.', pages: 412, added: new Date().toISOString().slice(0, 10) });
    const plan = await postJson(`${url}/api/training-plan`, { name: 'Couch to 5k', weeks: 9 });
    assert.equal(plan.status, 201);
    assert.deepEqual((await call(`${url}/api/training-plan/1`)).json, { id: 1, name: 'Couch to 5k', weeks: 9 });
  });

  it('a response view projects the result: GetBookById answers Book.Simple, without the description', async () => {
    const got = await call(`${url}/book/1?includeDescription=true`);
    assert.equal(got.status, 200);
    assert.equal('description' in (got.json as object), false);
    assert.equal((got.json as { title: string }).title, 'Dune');
  });

  it('GetBooks: limit defaults to the defaultLimit argument, offset, and sortByName through path inherited', async () => {
    const sorted = (await call(`${url}/api/book?sortByName=true`)).json as { title: string }[];
    assert.deepEqual(
      sorted.map((b) => b.title),
      ['Anathem', 'Dune'],
    );
    assert.equal('description' in sorted[1], false);
    const page = (await call(`${url}/api/book?limit=1&offset=1`)).json as { id: number }[];
    assert.deepEqual(
      page.map((b) => b.id),
      [2],
    );
  });

  it('PUT replaces; DELETE answers 204, then 404 when absent; a bad id is a 400', async () => {
    const put = await call(`${url}/api/book/2`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Anathem', author: 'Neal Stephenson' }),
    });
    assert.equal(put.status, 200);
    assert.equal((put.json as { author: string }).author, 'Neal Stephenson');
    const plan = await postJson(`${url}/api/training-plan`, { name: 'Base', weeks: 4 });
    const id = (plan.json as { id: number }).id;
    assert.equal((await call(`${url}/api/training-plan/${id}`, { method: 'DELETE' })).status, 204);
    assert.equal((await call(`${url}/api/training-plan/${id}`, { method: 'DELETE' })).status, 404);
    assert.equal((await call(`${url}/api/book/x`)).status, 400);
    assert.equal((await postJson(`${url}/api/book`, { title: 'No author' })).status, 400);
  });

  it('REST+XML carries the same answer', async () => {
    const got = await call(`${url}/book/1`, { headers: { accept: 'application/xml' } });
    assert.equal(got.status, 200);
    assert.match(got.text, /<title>Dune<\/title>/);
    assert.doesNotMatch(got.text, /description/);
  });

  it('JSON-RPC and Ext Direct call the operations by interface and name, with the view applied', async () => {
    const rpc = await postJson(`${url}/jsonrpc`, { jsonrpc: '2.0', id: 1, method: 'RestAPI.GetBookById', params: { id: 1 } });
    const result = (rpc.json as { result: Record<string, unknown> }).result;
    assert.equal(result.title, 'Dune');
    assert.equal('description' in result, false);
    const direct = await postJson(`${url}/extdirect/router`, { action: 'RestAPI', method: 'GetBook', data: { id: 1 }, type: 'rpc', tid: 1 });
    const answer = direct.json as { result: { title: string } } | { result: { title: string } }[];
    assert.equal((Array.isArray(answer) ? answer[0] : answer).result.title, 'Dune');
  });

  it('SOAP: node-soap reads the WSDL and calls an operation', async () => {
    const client = await soap.createClientAsync(`${url}/api.wsdl`);
    const method = Object.keys(client).find((k) => /GetBookById.*Async$/.test(k));
    assert.ok(method, `no GetBookById in ${Object.keys(client).join(', ')}`);
    const [out] = await (client as unknown as Record<string, (a: unknown) => Promise<[Record<string, unknown>]>>)[method]({ id: 1 });
    assert.match(JSON.stringify(out), /Dune/);
    assert.doesNotMatch(JSON.stringify(out), /Sand/);
  });
});

describe('EDL: start-up errors', () => {
  it('a handler missing for operations is one error naming every one of them', () => {
    const { GetBook: _a, DeleteBook: _b, ...some } = memoryHandlers();
    assert.throws(
      () => edlApi({ files: [FILE], handlers: some }),
      (err: Error) => /No handler for 2 declared function\(s\): GetBook, DeleteBook/.test(err.message),
    );
  });

  it('a handler for no operation is refused', () => {
    assert.throws(() => edlApi({ files: [FILE], handlers: { ...memoryHandlers(), GetAuthors: () => [] } }), /GetAuthors/);
  });

  it('a file with errors is refused with every diagnostic and its code frame', () => {
    const text = 'interface I {\n  operation O { request { method GET path "/a/{id}" } }\n  operation O { request { method GOT path "/b" } }\n}\n';
    assert.throws(
      () => edlApi({ sources: [{ path: 'bad.edl', text }] }),
      (err: Error) =>
        err.message.includes('bad.edl:2:47 - error EDL031') &&
        err.message.includes('bad.edl:3:13 - error EDL011: duplicate operation O in interface I') &&
        err.message.includes('bad.edl:3:34 - error EDL033') &&
        err.message.includes('3 |   operation O { request { method GOT path "/b" } }'),
    );
  });
});

describe('EDL: statuses a handler answers', () => {
  it('one the operation does not declare is a server fault (SB_UNDECLARED_STATUS); a declared one passes', async () => {
    const handlers = {
      ...memoryHandlers(),
      GetBook: () => {
        throw new ClientError('taken', { status: 409 });
      },
    };
    const running = await serve(createApp(edlApi({ files: [FILE], handlers })), { port: 0, host: '127.0.0.1' });
    try {
      const got = await call(`${running.url}/api/book/1`);
      assert.equal(got.status, 500);
      assert.equal((got.json as { code: string }).code, 'SB_UNDECLARED_STATUS');
      assert.equal((await call(`${running.url}/api/training-plan/7`)).status, 404);
    } finally {
      await running.close();
    }
  });
});
