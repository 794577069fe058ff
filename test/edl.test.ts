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
import { ClientError, NotFoundError, Redirect, type Running, createApp, edlApi, serve } from '../src/index.ts';
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

describe('EDL: declared redirects (3xx)', () => {
  const text = `interface Moves {
  operation OldBook {
    request { method GET path "/old/book/{id}" { param int64 id } }
    response {
      status OK
      status MOVED_PERMANENTLY { D "The book moved: its Location says where." }
      status 304
      status NOT_FOUND
    }
  }
}
`;
  let running: Running;
  before(async () => {
    const api = edlApi({
      sources: [{ path: 'moves.edl', text }],
      handlers: {
        OldBook: ({ id }: { id: bigint }) => {
          if (id === 1n) throw new Redirect(301, '/book/1');
          if (id === 2n) throw new Redirect(304);
          if (id === 3n) throw new Redirect(307, '/elsewhere');
          throw new NotFoundError(`no book ${id}`);
        },
      },
    });
    running = await serve(createApp(api), { port: 0, host: '127.0.0.1' });
  });
  after(() => running.close());

  it('REST answers a declared 3xx with its Location and no body', async () => {
    const moved = await fetch(`${running.url}/old/book/1`, { redirect: 'manual' });
    assert.equal(moved.status, 301);
    assert.equal(moved.headers.get('location'), '/book/1');
    assert.equal(await moved.text(), '');
    const same = await fetch(`${running.url}/old/book/2`, { redirect: 'manual' });
    assert.equal(same.status, 304);
    assert.equal(same.headers.get('location'), null);
    assert.equal((await fetch(`${running.url}/old/book/9`, { redirect: 'manual' })).status, 404);
  });

  it('a 3xx the operation does not declare is a server fault (SB_UNDECLARED_STATUS)', async () => {
    const got = await call(`${running.url}/old/book/3`, { redirect: 'manual' });
    assert.equal(got.status, 500);
    assert.equal((got.json as { code: string }).code, 'SB_UNDECLARED_STATUS');
  });

  it('an RPC protocol, which cannot redirect, answers a client fault naming the location', async () => {
    const rpc = await postJson(`${running.url}/jsonrpc`, { jsonrpc: '2.0', id: 1, method: 'Moves.OldBook', params: { id: 1 } });
    const error = (rpc.json as { error: { message: string; data?: { code?: string } } }).error;
    assert.match(error.message, /^301 Moved Permanently: see \/book\/1$/);
  });

  it('OpenAPI documents the redirect with its Location header, and the 304', async () => {
    const doc = (await call(`${running.url}/openapi.json`)).json as {
      paths: Record<string, { get: { responses: Record<string, { description?: string; headers?: Record<string, unknown> }> } }>;
    };
    const responses = doc.paths['/old/book/{id}'].get.responses;
    assert.deepEqual(Object.keys(responses), ['200', '301', '304', '400', '404', 'default']);
    assert.deepEqual(responses['301'].headers, { Location: { schema: { type: 'string' } } });
    assert.match(responses['304'].description ?? '', /^Not modified/);
  });
});
