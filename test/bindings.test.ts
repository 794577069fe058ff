/**
 * Explicit HTTP bindings over REST: path templates, argument sources, success statuses, strict
 * verbs — and the declaration errors for bindings that do not fit.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Type } from '@sinclair/typebox';
import { ClientError, DeclarationError, api, controller, createApp, expose, implement, root, serve, t } from '../src/index.ts';
import type { FunctionDef, Running } from '../src/index.ts';
import { call, postJson } from './helpers/http.ts';

const Book = t.complex('Book', { id: t.integer(), title: t.string(), note: t.optional(t.string()) });
type BookT = typeof Book.static;

function library() {
  const books = new Map<number, BookT>([[1, { id: 1, title: 'Dune' }]]);
  return api({
    name: 'library',
    version: 'v1',
    basePath: '/library/v1',
    verbs: 'strict',
    controllers: {
      books: controller({
        get: expose({ args: { id: t.integer() }, returns: Book, method: 'GET', path: '{id}' }, ({ id }) => {
          const b = books.get(id);
          if (!b) throw new ClientError('No such book', { status: 404 });
          return b;
        }),
        fresh: expose({ returns: Book, method: 'GET', path: 'new' }, () => ({ id: 0, title: '' })),
        create: expose({ args: { book: Book }, returns: Book, method: 'POST', path: '', in: { book: 'body' }, status: 201, errors: [409] }, ({ book }) => {
          if (book.id === undefined || books.has(book.id)) throw new ClientError('Exists', { status: 409 });
          books.set(book.id, book);
          return book;
        }),
        rename: expose(
          {
            args: { id: t.integer(), title: t.string(), token: t.string() },
            returns: Book,
            method: 'PUT',
            path: '{id}',
            in: { title: { member: 'name' }, token: { header: 'X-Token' } },
          },
          ({ id, title, token }) => {
            const b = books.get(id);
            if (!b) throw new ClientError('No such book', { status: 404 });
            const renamed = { ...b, title: `${title} (${token})` };
            books.set(id, renamed);
            return renamed;
          },
        ),
        remove: expose({ args: { id: t.integer() }, method: 'DELETE', path: '{id}', status: 204 }, ({ id }) => {
          books.delete(id);
        }),
        search: expose(
          { args: { q: t.string(), limit: t.integer({ default: 10 }) }, returns: t.array(Book), safe: true, in: { q: { query: 'query' } } },
          ({ q, limit }) => [...books.values()].filter((b) => b.title?.includes(q)).slice(0, limit),
        ),
        chapter: expose(
          { args: { id: t.integer(), n: t.integer() }, returns: t.string(), method: 'GET', path: '/chapters/{id}/{n}' },
          ({ id, n }) => `${id}:${n}`,
        ),
      }),
      misc: controller({ touch: expose({ args: { id: t.integer() } }, () => undefined) }),
    },
  });
}

describe('HTTP bindings over REST', () => {
  let running: Running;
  let base: string;
  before(async () => {
    running = await serve(library(), { port: 0, host: '127.0.0.1' });
    base = `${running.url}/library/v1`;
  });
  after(() => running.close());

  it('a {name} segment binds the argument of that name, converted by its schema', async () => {
    const r = await call(`${base}/books/1`);
    assert.deepEqual([r.status, r.json], [200, { id: 1, title: 'Dune' }]);
    const bad = await call(`${base}/books/abc`);
    assert.equal(bad.status, 400);
    assert.match((bad.json as { faultstring: string }).faultstring, /^Invalid input for field\/attribute id\. Value: 'abc'/);
    assert.equal((await call(`${base}/books/9`)).status, 404);
  });

  it('a static segment beats a parameter; a template relative to the API base', async () => {
    assert.deepEqual((await call(`${base}/books/new`)).json, { id: 0, title: '' });
    assert.deepEqual((await call(`${base}/chapters/3/4`)).json, '3:4');
    assert.equal((await call(`${base}/books/chapters/3/4`)).status, 404);
  });

  it('the whole body is an argument; the success status comes from the binding', async () => {
    const r = await postJson(`${base}/books`, { id: 2, title: 'Emma' });
    assert.deepEqual([r.status, r.json], [201, { id: 2, title: 'Emma' }]);
    const again = await postJson(`${base}/books`, { id: 2, title: 'Emma' });
    assert.equal(again.status, 409);
    const xml = await call(`${base}/books`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: '<book><id>3</id><title>Ulysses</title></book>' });
    assert.equal(xml.status, 201);
    assert.match(xml.text, /^<result><id>3<\/id><title>Ulysses<\/title><\/result>$/);
  });

  it('a body member under its own name, a header, and a path parameter together', async () => {
    const r = await call(`${base}/books/1`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'x-token': 'abc' },
      body: '{"name":"Dune Messiah"}',
    });
    assert.deepEqual([r.status, r.json], [200, { id: 1, title: 'Dune Messiah (abc)' }]);
    // A member the binding does not read is unknown, even when an argument has that name.
    const unknown = await call(`${base}/books/1`, { method: 'PUT', headers: { 'content-type': 'application/json', 'x-token': 'abc' }, body: '{"title":"x"}' });
    assert.deepEqual([unknown.status, (unknown.json as { faultstring: string }).faultstring], [400, 'Unknown argument: "title"']);
    const noHeader = await call(`${base}/books/1`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"name":"x"}' });
    assert.deepEqual([noHeader.status, (noHeader.json as { faultstring: string }).faultstring], [400, 'Missing argument: "token"']);
  });

  it('204 answers with no body', async () => {
    const r = await call(`${base}/books/2`, { method: 'DELETE' });
    assert.deepEqual([r.status, r.text, r.headers.get('content-type')], [204, '', null]);
  });

  it('a query parameter under its own name; defaults', async () => {
    const r = await call(`${base}/books/search?query=Du`);
    assert.deepEqual([r.status, (r.json as BookT[]).length], [200, 1]);
    assert.equal((await call(`${base}/books/search?q=Du`)).status, 400);
  });

  it('strict verbs: only the declared verbs; GET only for functions declared GET or safe', async () => {
    const get = await call(`${base}/misc/touch?id=1`);
    assert.deepEqual([get.status, get.headers.get('allow')], [405, 'POST']);
    // Matching is per verb: a GET of a path only POST answers statically may reach a template.
    assert.equal((await call(`${base}/books/touch`)).status, 400);
    assert.equal((await call(`${base}/misc/touch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"id":1}' })).status, 200);
    assert.equal((await call(`${base}/books/search?query=x`, { method: 'POST' })).status, 200);
    // Allow lists every verb of every route matching the path (`new`, and `{id}` behind it).
    const put = await call(`${base}/books/new`, { method: 'POST' });
    assert.deepEqual([put.status, put.headers.get('allow')], [405, 'GET, HEAD, PUT, DELETE']);
    const verbs = await call(`${base}/books/1`, { method: 'POST' });
    assert.deepEqual([verbs.status, verbs.headers.get('allow')], [405, 'GET, HEAD, PUT, DELETE']);
  });
});

describe('WSME verbs stay the default', () => {
  it('a plain function answers GET and POST at its own path', async () => {
    const running = await serve(
      root({ webpath: 'w', controllers: { c: controller({ f: expose({ args: { id: t.integer() }, returns: t.integer() }, ({ id }) => id) }) } }),
      { port: 0, host: '127.0.0.1' },
    );
    try {
      assert.equal((await call(`${running.url}/w/c/f?id=3`)).json, 3);
      assert.equal((await postJson(`${running.url}/w/c/f`, { id: 4 })).json, 4);
    } finally {
      await running.close();
    }
  });
});

/** The declaration error `build` throws, as [code, message]. */
function declared(build: () => unknown): [string, string] {
  try {
    build();
  } catch (err) {
    assert.ok(err instanceof DeclarationError, String(err));
    return [err.code, err.message];
  }
  assert.fail('no declaration error');
}

const one = (f: FunctionDef, g?: FunctionDef) => root({ webpath: 'd', controllers: { c: controller(g ? { f, g } : { f }) } });

describe('bindings that do not fit are declaration errors naming the function', () => {
  it('a path parameter that is not an argument, and an argument read from a path that does not name it', () => {
    assert.deepEqual(
      declared(() => createApp(one(expose({ args: { id: t.integer() }, path: '{bookId}' }, () => undefined)))),
      ['SB_DECL_PATH_PARAMETER', 'c.f: the path /c/{bookId} names {bookId}, which is not an argument'],
    );
    assert.deepEqual(
      declared(() => createApp(one(expose({ args: { id: t.integer() }, in: { id: 'path' } }, () => undefined)))),
      ['SB_DECL_ARGUMENT_SOURCE', 'c.f: argument "id" is read from the path, which /c/f does not name'],
    );
    assert.equal(declared(() => createApp(one(expose({ args: { id: t.integer() }, path: 'a{id}' }, () => undefined))))[0], 'SB_DECL_BAD_BINDING');
  });

  it('two functions answering the same verb and path', () => {
    const f = expose({ args: { id: t.integer() }, method: 'GET', path: '/x/{id}' }, () => undefined);
    const g = expose({ args: { n: t.integer() }, method: 'GET', path: '/x/{n}' }, () => undefined);
    const [code, message] = declared(() => createApp(one(f, g)));
    assert.equal(code, 'SB_DECL_ROUTE_CONFLICT');
    assert.match(message, /c\.f/);
    assert.match(message, /c\.g/);
  });

  it('a body for a GET, a success status that is not 2xx, a source for no argument', () => {
    assert.equal(declared(() => createApp(one(expose({ args: { b: Book }, method: 'GET', body: 'b' }, () => undefined))))[0], 'SB_DECL_BAD_BINDING');
    assert.equal(declared(() => createApp(one(expose({ status: 302 }, () => undefined))))[0], 'SB_DECL_BAD_BINDING');
    assert.equal(
      declared(() => createApp(one(expose({ args: { a: t.string() }, in: { b: 'query' } as never }, () => undefined))))[0],
      'SB_DECL_ARGUMENT_SOURCE',
    );
  });

  it('a schema no codec carries, however deep', () => {
    const Deep = t.complex('Deep', { inner: t.array(t.complex('Inner', { pair: Type.Tuple([t.integer(), t.string()]) })) });
    assert.deepEqual(
      declared(() => createApp(one(expose({ args: { d: Deep } }, () => undefined)))),
      ['SB_DECL_UNSUPPORTED_SCHEMA', 'c.f: argument "d".inner[].pair has a schema no protocol can carry: Switchboard cannot carry a schema of kind Tuple'],
    );
    assert.equal(declared(() => createApp(one(expose({ returns: Type.Tuple([t.integer()]) }, () => [1] as [number]))))[0], 'SB_DECL_UNSUPPORTED_SCHEMA');
  });
});

describe('functions declared before their handlers', () => {
  const declaredApi = () =>
    api({
      name: 'late',
      basePath: 'late',
      controllers: {
        books: controller({
          get: expose({ args: { id: t.integer() }, returns: t.string(), method: 'GET', path: '{id}' }),
          list: expose({ returns: t.array(t.string()), method: 'GET', path: '' }),
        }),
        ping: expose({ returns: t.string() }),
      },
    });

  it('serving an API that lacks handlers is a start-up error naming every one', () => {
    assert.deepEqual(
      declared(() => createApp(declaredApi())),
      ['SB_DECL_MISSING_HANDLERS', 'No handler for 3 declared function(s): books.get, books.list, ping'],
    );
    assert.deepEqual(
      declared(() => createApp(implement(declaredApi(), { ping: () => 'pong' }))),
      ['SB_DECL_MISSING_HANDLERS', 'No handler for 2 declared function(s): books.get, books.list'],
    );
  });

  it('implement() binds them by name; an unknown name is refused', async () => {
    assert.deepEqual(
      declared(() => implement(declaredApi(), { 'books.nope': () => 1 })),
      ['SB_DECL_UNKNOWN_HANDLER', 'A handler was given for books.nope, which the API does not declare'],
    );
    const full = implement(declaredApi(), { 'books.get': ({ id }) => `book ${id}`, 'books.list': () => ['a'], ping: () => 'pong' });
    const running = await serve(full, { port: 0, host: '127.0.0.1' });
    try {
      assert.equal((await call(`${running.url}/late/books/7`)).json, 'book 7');
      assert.deepEqual((await call(`${running.url}/late/books`)).json, ['a']);
      assert.equal((await call(`${running.url}/late/ping`)).json, 'pong');
    } finally {
      await running.close();
    }
  });
});
