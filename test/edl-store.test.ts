/**
 * `switchboard serve <file.edl> --store …`: the standard operations answered by a resource
 * store with no handler code — create, get, list, update and delete over REST+JSON and
 * JSON-RPC, the data kept across a restart (SQLite file), a change seen on the SSE stream —
 * handlers overriding one operation, and the storage refusals.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createApp, loadEdlApi, serve } from '../src/index.ts';
import { sqlStorage } from '../src/idl/sql-storage.ts';
import { postgresDb } from '../src/resources/postgres.ts';
import { call, postJson } from './helpers/http.ts';
import { type Child, cli, reap } from './helpers/spawn.ts';
import { SseReader } from './helpers/sse.ts';

const SHELF = 'examples/edl/shelf.edl';
const SERVING = /serving \w+ at (http:\/\/[\d.:]+)\//;

function rpc(url: string, method: string, params: Record<string, unknown>) {
  return postJson(`${url}/jsonrpc`, { jsonrpc: '2.0', id: 1, method, params });
}

describe('serve <file.edl> --store', () => {
  let dir: string;
  let child: Child | undefined;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'sb-edl-store-'));
  });
  afterEach(() => reap(child));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('sqlite: CRUD over REST and JSON-RPC with no handler; the data survives a restart; changes stream', async () => {
    const file = join(dir, 'shelf.sqlite');
    child = cli(['serve', SHELF, '--store', `sqlite:${file}`, '--port', '0', '--quiet']);
    let [, url] = await child.waitFor(SERVING);

    // A subscriber first: it sees the changes that commit after it.
    const ctl = new AbortController();
    const res = await fetch(`${url}/author/changes`, { headers: { accept: 'text/event-stream' }, signal: ctl.signal });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
    const events = new SseReader(res);

    const lem = await postJson(`${url}/author`, { name: 'Lem', country: 'PL' });
    assert.equal(lem.status, 201);
    const created = lem.json as { id: number; name: string; added: string };
    assert.equal(created.id, 1);
    assert.equal(created.name, 'Lem');
    // As a REST resource answers a create: where the new object is (the GetById path).
    assert.equal(new URL(lem.headers.get('location') ?? '', url).pathname, '/author/1');
    assert.equal((await fetch(new URL(lem.headers.get('location') ?? '', url))).status, 200);
    assert.ok(!Number.isNaN(Date.parse(created.added)), 'the creation attribute is stamped by the store');

    const [change] = await events.take(1);
    assert.deepEqual(change.data, { action: 'created', id: 1, data: created });
    assert.equal(change.id, '1');
    await events.cancel().catch(() => {});
    ctl.abort();

    const viaRpc = await rpc(url, 'Shelf.CreateAuthor', { body: { name: 'Le Guin', country: 'US' } });
    assert.equal((viaRpc.json as { result: { id: number } }).result.id, 2);
    assert.deepEqual((await call(`${url}/author/2`)).json, { ...(viaRpc.json as { result: object }).result });
    assert.equal((await call(`${url}/author/3`)).status, 404);

    const list = (await call(`${url}/author`)).json as { name: string }[];
    assert.deepEqual(
      list.map((a) => a.name),
      ['Lem', 'Le Guin'],
    );
    // An attribute-named query parameter filters; limit and offset page.
    assert.deepEqual(
      ((await call(`${url}/author?country=US`)).json as { name: string }[]).map((a) => a.name),
      ['Le Guin'],
    );
    assert.deepEqual(
      ((await call(`${url}/author?limit=1&offset=1`)).json as { id: number }[]).map((a) => a.id),
      [2],
    );
    assert.equal((await call(`${url}/author?limit=-1`)).status, 400);

    const put = await call(`${url}/author/1`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Stanisław Lem' }),
    });
    assert.equal(put.status, 200);
    // Replaced: country unset; the creation stamp kept.
    assert.deepEqual(put.json, { id: 1, name: 'Stanisław Lem', added: created.added });
    const rpcList = await rpc(url, 'Shelf.GetAuthors', { limit: 5 });
    assert.deepEqual(
      (rpcList.json as { result: { name: string }[] }).result.map((a) => a.name),
      ['Stanisław Lem', 'Le Guin'],
    );
    assert.equal((await rpc(url, 'Shelf.UpdateAuthor', { id: 2, body: { name: 'Ursula K. Le Guin', country: 'US' } })).status, 200);
    assert.equal((await call(`${url}/author/2`, { method: 'DELETE' })).status, 204);
    assert.equal((await call(`${url}/author/2`, { method: 'DELETE' })).status, 404);
    const gone = await rpc(url, 'Shelf.GetAuthor', { id: 2 });
    assert.match((gone.json as { error: { message: string } }).error.message, /Not found: no Author with id 2/);

    child.proc.kill('SIGTERM');
    assert.equal(await child.exited(), 0);

    child = cli(['serve', SHELF, '--store', `sqlite:${file}`, '--port', '0', '--quiet']);
    [, url] = await child.waitFor(SERVING);
    assert.deepEqual((await call(`${url}/author`)).json, [{ id: 1, name: 'Stanisław Lem', added: created.added }]);
    // The key counts on from the kept table.
    assert.equal(((await postJson(`${url}/author`, { name: 'Borges' })).json as { id: number }).id, 3);
  });

  it('--handlers overrides the store per operation; the others stay the store’s', async () => {
    const module = join(dir, 'override.mjs');
    writeFileSync(module, "export default (stores) => ({ GetAuthor: async ({ id }) => ({ id, name: stores ? 'from a handler' : 'no stores' }) });\n");
    child = cli(['serve', SHELF, '--store', 'memory', '--handlers', module, '--port', '0', '--quiet']);
    const [, url] = await child.waitFor(SERVING);
    assert.equal((await postJson(`${url}/author`, { name: 'Lem' })).status, 201);
    assert.deepEqual((await call(`${url}/author/1`)).json, { id: 1, name: 'from a handler' });
    assert.deepEqual(((await call(`${url}/author`)).json as { name: string }[])[0].name, 'Lem');
    // A subscriber coming back with the last event id it saw gets what came after it first.
    assert.equal((await postJson(`${url}/author`, { name: 'Borges' })).status, 201);
    const ctl = new AbortController();
    const res = await fetch(`${url}/author/changes`, { headers: { accept: 'text/event-stream', 'last-event-id': '1' }, signal: ctl.signal });
    const events = new SseReader(res);
    const [missed] = await events.take(1);
    assert.equal(missed.id, '2');
    assert.equal((missed.data as { action: string; data: { name: string } }).data.name, 'Borges');
    await events.cancel().catch(() => {});
    ctl.abort();
  });

  it('books.edl: the store answers nine operations; GetBookById and GetBooks need handlers, named in one error', async () => {
    child = cli(['serve', 'examples/edl/books.edl', '--store', 'memory', '--port', '0']);
    assert.equal(await child.exited(), 1);
    assert.match(child.stderr, /No handler for 2 declared function\(s\): GetBookById, GetBooks\b/);
    child = cli(['serve', 'examples/edl/books.edl', '--store', 'memory', '--handlers', 'examples/edl/handlers.ts', '--port', '0', '--quiet']);
    const [, url] = await child.waitFor(SERVING);
    for (const title of ['Dune', 'Anathem']) assert.equal((await postJson(`${url}/api/book`, { title, author: 'X' })).status, 201);
    assert.deepEqual(
      ((await call(`${url}/api/book?sortByName=true`)).json as { title: string }[]).map((b) => b.title),
      ['Anathem', 'Dune'],
    );
    assert.equal(((await call(`${url}/book/2`)).json as { title: string }).title, 'Anathem');
  });

  it('a store it cannot open or name is a clear start-up error', async () => {
    child = cli(['serve', SHELF, '--store', 'mongo', '--port', '0']);
    assert.equal(await child.exited(), 1);
    assert.match(child.stderr, /--store takes memory, sqlite, sqlite:<file>, postgres \(with DATABASE_URL\) or a postgres:\/\/ URL, not mongo/);
    child = cli(['serve', SHELF, '--store', 'postgres', '--port', '0'], { DATABASE_URL: '' });
    assert.equal(await child.exited(), 1);
    assert.match(child.stderr, /--store postgres reads its URL from DATABASE_URL, which is not set/);
    child = cli(['serve', 'examples/demos.ts', '--store', 'memory', '--port', '0']);
    assert.equal(await child.exited(), 2);
    assert.match(child.stderr, /--store goes with an \.edl file/);
  });
});

describe('EDL storage in PostgreSQL', () => {
  it('a table per entity, derived from its fields; the standard operations read and write it', async () => {
    const prefix = `edl_${process.pid}_`;
    const db = postgresDb('postgres://postgres@127.0.0.1:5432/test');
    const storage = sqlStorage(db, 'postgres', { prefix });
    const { api, stores } = loadEdlApi({ files: [SHELF], store: storage });
    try {
      await stores!.ready();
      const columns = await sql<{
        column_name: string;
        data_type: string;
      }>`select column_name, data_type from information_schema.columns where table_name = ${`${prefix}author`} order by ordinal_position`.execute(db);
      assert.deepEqual(
        columns.rows.map((c) => `${c.column_name} ${c.data_type}`),
        ['id bigint', 'name text', 'country text', 'added text'],
      );
      const running = await serve(createApp(api), { port: 0, host: '127.0.0.1' });
      try {
        const made = await postJson(`${running.url}/author`, { name: 'Calvino', country: 'IT' });
        assert.equal(made.status, 201);
        const id = (made.json as { id: number }).id;
        assert.equal(((await call(`${running.url}/author/${id}`)).json as { name: string }).name, 'Calvino');
        assert.equal((await call(`${running.url}/author/${id}`, { method: 'DELETE' })).status, 204);
        assert.deepEqual((await call(`${running.url}/author`)).json, []);
      } finally {
        await running.close();
      }
    } finally {
      await sql`drop table if exists ${sql.table(`${prefix}author`)}`.execute(db);
      await storage.close();
    }
  });
});
