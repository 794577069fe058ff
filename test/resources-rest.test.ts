/**
 * Resources over REST, end to end on a real server: the polls example on SQLite (resource
 * routes, statuses, Location, validation, filters, ordering, both page forms, conflicts, XML,
 * SSE changes with Last-Event-ID), and a resource with permissions, a scope hook, a lookup
 * field, formatting and a detail custom method.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pollsApp } from '../examples/polls/app.ts';
import { type StepContext, type Store, allOf, api, createApp, isAuthenticatedOrReadOnly, isOwner, memoryStore, method, resource, t } from '../src/index.ts';
import { postgresStore } from '../src/resources/postgres.ts';
import { sqliteStore } from '../src/resources/sqlite.ts';
import { type Running, serve } from '../src/servers/node/index.ts';
import { type WebsocketServer, attachWebsocket } from '../src/servers/ws/index.ts';
import { call, postJson } from './helpers/http.ts';
import { SseReader } from './helpers/sse.ts';
import { Client } from './ws-fixture.ts';

const json = { 'content-type': 'application/json' };

describe('resources over REST: the polls example on SQLite', () => {
  const polls = pollsApp({ database: ':memory:' });
  let running: Running;
  let base: string;
  before(async () => {
    await polls.ready();
    running = await serve(createApp(polls.api), { port: 0, host: '127.0.0.1' });
    base = `${running.url}/polls`;
  });
  after(async () => {
    await running.close();
    await polls.close();
  });

  it('create 201 + Location, retrieve, update (full), patch (partial), delete 204, then 404', async () => {
    const created = await postJson(`${base}/questions`, { question_text: 'What is your favourite package?' });
    assert.equal(created.status, 201);
    const q = created.json as { id: number };
    assert.deepEqual(q, { id: q.id, question_text: 'What is your favourite package?' });
    assert.equal(created.headers.get('location'), `/polls/questions/${q.id}`);
    assert.deepEqual((await call(`${running.url}${created.headers.get('location')}`)).json, q);

    const put = await call(`${base}/questions/${q.id}`, {
      method: 'PUT',
      headers: json,
      body: JSON.stringify({ question_text: 'Replaced', pub_date: '2024-01-02T03:04:05Z' }),
    });
    assert.deepEqual([put.status, put.json], [200, { id: q.id, question_text: 'Replaced', pub_date: '2024-01-02T03:04:05Z' }]);
    const patched = await call(`${base}/questions/${q.id}`, { method: 'PATCH', headers: json, body: JSON.stringify({ question_text: 'Patched' }) });
    assert.deepEqual(patched.json, { id: q.id, question_text: 'Patched', pub_date: '2024-01-02T03:04:05Z' });
    const full = await call(`${base}/questions/${q.id}`, { method: 'PUT', headers: json, body: JSON.stringify({ question_text: 'Again' }) });
    assert.deepEqual(full.json, { id: q.id, question_text: 'Again' }, 'a full update unsets what it does not give');

    const del = await call(`${base}/questions/${q.id}`, { method: 'DELETE' });
    assert.deepEqual([del.status, del.text], [204, '']);
    const gone = await call(`${base}/questions/${q.id}`);
    assert.equal(gone.status, 404);
    assert.equal((gone.json as { code: string }).code, 'SB_RECORD_NOT_FOUND');
    assert.equal((await call(`${base}/questions/${q.id}`, { method: 'DELETE' })).status, 404);
    assert.equal((await call(`${base}/questions/abc`)).status, 400, 'a pk of the wrong type is the caller’s mistake');
  });

  it('validation from the schema: every bad field listed, 400', async () => {
    const bad = await postJson(`${base}/questions`, { question_text: 'x'.repeat(201), pub_date: 'yesterday', colour: 'red' });
    assert.equal(bad.status, 400);
    const fields = (bad.json as { fields: { path: string }[] }).fields.map((f) => f.path).sort();
    assert.deepEqual(fields, ['data', 'data.pub_date', 'data.question_text']);
    const missing = await postJson(`${base}/questions`, {});
    assert.equal(missing.status, 400);
    assert.deepEqual(
      (missing.json as { fields: { path: string }[] }).fields.map((f) => f.path),
      ['data.question_text'],
    );
  });

  it('list: django-filter lookups, DRF ordering, limit/offset and cursor pages, the maximum page size', async () => {
    const texts = ['alpha', 'bravo', 'charlie', 'delta', 'echo'];
    const ids: number[] = [];
    for (const [i, text] of texts.entries()) {
      const r = await postJson(`${base}/questions`, { question_text: text, pub_date: `2024-01-0${i + 1}T00:00:00Z` });
      ids.push((r.json as { id: number }).id);
    }
    const list = async (q: string) => {
      const r = await call(`${base}/questions?${q}`);
      assert.equal(r.status, 200, r.text);
      return r.json as {
        count: number;
        results: { question_text: string }[];
        limit: number;
        offset: number;
        items: { question_text: string }[];
        nextPageToken?: string;
      };
    };
    const texts_ = (rows: { question_text: string }[]) => rows.map((r) => r.question_text);
    assert.deepEqual(texts_((await list('question_text=bravo')).results), ['bravo']);
    assert.deepEqual(texts_((await list('pub_date__gte=2024-01-04T00:00:00Z&ordering=-pub_date')).results), ['echo', 'delta']);
    assert.deepEqual(texts_((await list('question_text__in=alpha,echo,zulu')).results), ['alpha', 'echo']);
    assert.deepEqual(texts_((await list(`id__lt=${ids[2]}&id__gt=${ids[0]}`)).results), ['bravo']);
    const page = await list('ordering=question_text&limit=2&offset=1');
    assert.deepEqual([page.count, texts_(page.results), page.limit, page.offset], [5, ['bravo', 'charlie'], 2, 1]);
    assert.equal((await list('limit=1000')).limit, 100, 'never more than the maximum page size');

    const seen: string[] = [];
    let token: string | undefined;
    for (let i = 0; i < 5; i++) {
      const p = await list(`ordering=-question_text&maxResults=2${token ? `&pageToken=${token}` : ''}`);
      seen.push(...texts_(p.items));
      token = p.nextPageToken;
      if (!token) break;
    }
    assert.deepEqual(seen, ['echo', 'delta', 'charlie', 'bravo', 'alpha']);

    for (const q of ['ordering=colour', 'colour=1', 'limit=2&maxResults=2', 'pageToken=!!', 'id__in=1,x', 'filter={"colour":1}']) {
      const r = await call(`${base}/questions?${q}`);
      assert.equal(r.status, 400, `${q}: ${r.text}`);
    }
  });

  it('a unique field taken is 409; the custom collection method answers with what it was given', async () => {
    assert.equal((await postJson(`${base}/users`, { email: 'a@x', name: 'A' })).status, 201);
    const dup = await postJson(`${base}/users`, { email: 'a@x', name: 'B' });
    assert.equal(dup.status, 409);
    assert.equal((dup.json as { code: string }).code, 'SB_CONFLICT');
    const invite = await postJson(`${base}/users/invite`, { email: 'friend@x' });
    assert.deepEqual([invite.status, invite.json], [200, { email: 'friend@x' }]);
  });

  it('REST+XML: the same routes in XML', async () => {
    const created = await call(`${base}/questions`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml', accept: 'text/xml' },
      body: '<data><question_text>In XML?</question_text></data>',
    });
    assert.equal(created.status, 201, created.text);
    const id = /<id>(\d+)<\/id>/.exec(created.text)?.[1];
    assert.ok(id, created.text);
    assert.match(created.text, /<question_text>In XML\?<\/question_text>/);
    const got = await call(`${base}/questions/${id}.xml`);
    assert.match(got.text, /^<result><id>\d+<\/id><question_text>In XML\?<\/question_text><\/result>$/);
  });

  it('SSE: changes as they commit, with event ids; Last-Event-ID resumes after the last one seen', async () => {
    const ctl = new AbortController();
    const res = await fetch(`${base}/questions/changes`, { headers: { accept: 'text/event-stream' }, signal: ctl.signal });
    assert.equal(res.status, 200);
    const sse = new SseReader(res);
    const q = (await postJson(`${base}/questions`, { question_text: 'Live?' })).json as { id: number };
    await call(`${base}/questions/${q.id}`, { method: 'PATCH', headers: json, body: JSON.stringify({ question_text: 'Live!' }) });
    const [c1, c2] = await sse.take(2);
    assert.deepEqual(c1!.data, { action: 'created', pk: q.id, data: { id: q.id, question_text: 'Live?' } });
    assert.deepEqual(c2!.data, { action: 'updated', pk: q.id, data: { id: q.id, question_text: 'Live!' } });
    assert.ok(Number(c2!.id) > Number(c1!.id));
    ctl.abort();

    // Missed while away: the delete; then the stream goes on live.
    await call(`${base}/questions/${q.id}`, { method: 'DELETE' });
    const again = new AbortController();
    const back = await fetch(`${base}/questions/${q.id}/changes`, {
      headers: { accept: 'text/event-stream', 'last-event-id': String(c2!.id) },
      signal: again.signal,
    });
    assert.equal(back.status, 404, 'one record’s changes: it must exist');
    const all = await fetch(`${base}/questions/changes`, { headers: { accept: 'text/event-stream', 'last-event-id': String(c2!.id) }, signal: again.signal });
    const [missed] = await new SseReader(all).take(1);
    assert.deepEqual(missed!.data, { action: 'deleted', pk: q.id, data: { id: q.id, question_text: 'Live!' } });
    again.abort();
  });
});

describe('resources over REST: permissions, scope, lookup field, formatting, custom detail methods', () => {
  const Note = t.complex(
    'Note',
    { id: t.integer(), slug: t.string(), owner: t.string(), text: t.string(), secret: t.boolean() },
    { mandatory: ['slug', 'text'] },
  );
  const NoteOut = t.complex('NoteOut', { slug: t.string(), owner: t.string(), text: t.string(), shout: t.string() });
  const store = memoryStore({ schema: Note, name: 'note', unique: ['slug'] });
  // Authentication: X-User names the caller (a stand-in for the endpoints' auth step).
  const auth = (ctx: StepContext) => {
    const user = ctx.request.header('x-user');
    if (user) ctx.principal = { subject: user };
  };
  const notes = resource('note', {
    schema: Note,
    store,
    lookupField: 'slug',
    output: NoteOut,
    // Nobody sees secret notes but their owner.
    scope: (ctx) => ({ $or: [{ secret: { $ne: true } }, { owner: ctx.principal?.subject ?? '' }] }),
    permissions: { default: isAuthenticatedOrReadOnly, delete: allOf(isAuthenticatedOrReadOnly, isOwner('owner')), patch: isOwner('owner') },
    formatter: { format: ({ slug, owner, text }) => ({ slug, owner, text }) },
    formatResponse: (r) => ({ ...r, shout: String(r.text).toUpperCase() }),
    methods: {
      stamp: method({ detail: true, args: { by: t.string() }, returns: t.string() }, ({ by }, { record }) => `${record?.slug} stamped by ${by}`),
    },
  });
  const notesApi = api({ name: 'notes', basePath: '/n', steps: [auth], controllers: { note: notes } });
  let running: Running;
  let base: string;
  before(async () => {
    running = await serve(createApp(notesApi), { port: 0, host: '127.0.0.1' });
    base = `${running.url}/n/notes`;
    await store.create({ slug: 'open', owner: 'ann', text: 'hello', secret: false });
    await store.create({ slug: 'hidden', owner: 'ann', text: 'psst', secret: true });
  });
  after(() => running.close());

  it('records are named by the lookup field and formatted by the formatter, then formatResponse', async () => {
    const r = await call(`${base}/open`);
    assert.deepEqual(r.json, { slug: 'open', owner: 'ann', text: 'hello', shout: 'HELLO' });
  });

  it('the scope hook hides what a caller may not see: not found, not listed', async () => {
    assert.equal((await call(`${base}/hidden`)).status, 404);
    assert.equal((await call(`${base}/hidden`, { headers: { 'x-user': 'bob' } })).status, 404);
    assert.equal((await call(`${base}/hidden`, { headers: { 'x-user': 'ann' } })).status, 200);
    assert.deepEqual(
      ((await call(base)).json as { results: { slug: string }[] }).results.map((n) => n.slug),
      ['open'],
    );
    assert.deepEqual(((await call(base, { headers: { 'x-user': 'ann' } })).json as { count: number }).count, 2);
  });

  it('permissions: 401 without a caller, 403 for the wrong one, per action and per object', async () => {
    const anon = await postJson(base, { slug: 'x', owner: 'z', text: 't' });
    assert.equal(anon.status, 401);
    const made = await postJson(base, { slug: 'bobs', owner: 'bob', text: 'mine' }, { 'x-user': 'bob' });
    assert.equal(made.status, 201);
    assert.equal(made.headers.get('location'), '/n/notes/bobs');
    const notOwner = await call(`${base}/bobs`, { method: 'PATCH', headers: { ...json, 'x-user': 'ann' }, body: JSON.stringify({ text: 'hacked' }) });
    assert.equal(notOwner.status, 403);
    assert.equal((notOwner.json as { code: string }).code, 'SB_FORBIDDEN');
    assert.equal((await call(`${base}/bobs`, { method: 'DELETE', headers: { 'x-user': 'ann' } })).status, 403);
    const owner = await call(`${base}/bobs`, { method: 'PATCH', headers: { ...json, 'x-user': 'bob' }, body: JSON.stringify({ text: 'edited' }) });
    assert.deepEqual(owner.json, { slug: 'bobs', owner: 'bob', text: 'edited', shout: 'EDITED' });
    assert.equal((await call(`${base}/bobs`, { method: 'DELETE', headers: { 'x-user': 'bob' } })).status, 204);
  });

  it('a detail custom method takes pk and sees the record, within the scope', async () => {
    const r = await postJson(`${base}/open/stamp`, { by: 'cat' }, { 'x-user': 'cat' });
    assert.deepEqual([r.status, r.json], [200, 'open stamped by cat']);
    assert.equal((await postJson(`${base}/hidden/stamp`, { by: 'cat' }, { 'x-user': 'cat' })).status, 404);
    assert.equal((await postJson(`${base}/open/stamp`, { by: 'cat' })).status, 401);
  });
});

const Doc = t.complex('Doc', { id: t.integer(), text: t.string(), version: t.integer() }, { mandatory: ['text'] });
const docTable = `sb_docs_${process.pid.toString(36)}${Date.now().toString(36)}`;
const docStores: [string, () => Promise<Store>][] = [
  ['memory', async () => memoryStore({ schema: Doc, name: 'doc', version: 'version' })],
  ['SQLite', () => sqliteStore({ file: ':memory:', schema: Doc, table: 'doc', name: 'doc', version: 'version' })],
  [
    'PostgreSQL',
    () =>
      postgresStore({
        connectionString: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
        schema: Doc,
        table: docTable,
        name: 'doc',
        version: 'version',
        max: 2,
      }),
  ],
];

for (const [storeName, open] of docStores)
  describe(`resources: optimistic versions on ${storeName} — ETag/If-Match over REST (412), version over RPC and Channels (409)`, () => {
    let store: Store;
    let running: Running;
    let wss: WebsocketServer;
    let base: string;
    before(async () => {
      store = await open();
      const docs = resource('doc', { schema: Doc, store });
      running = await serve(createApp(api({ name: 'docs', basePath: '/d', controllers: { doc: docs } })), { port: 0, host: '127.0.0.1' });
      wss = attachWebsocket(running, { pingInterval: 0 });
      base = `${running.url}/d`;
    });
    after(async () => {
      await wss.close(200);
      await running.close();
      await store.close();
    });

    it('writes naming a stale version are refused; the current one goes through', async () => {
      const made = await postJson(`${base}/docs`, { text: 'v1' });
      assert.equal(made.headers.get('etag'), '"1"');
      const id = (made.json as { id: number }).id;
      assert.equal((await call(`${base}/docs/${id}`)).headers.get('etag'), '"1"');
      const patch = (etag: string, text: string) =>
        call(`${base}/docs/${id}`, { method: 'PATCH', headers: { ...json, 'if-match': etag }, body: JSON.stringify({ text }) });
      const ok = await patch('"1"', 'v2');
      assert.deepEqual([ok.status, ok.headers.get('etag'), (ok.json as { text: string }).text], [200, '"2"', 'v2']);
      const late = await patch('"1"', 'lost');
      assert.deepEqual([late.status, (late.json as { code: string }).code], [412, 'SB_PRECONDITION_FAILED']);
      assert.equal((await patch('"nonsense"', 'lost')).status, 412);
      assert.equal((await patch('*', 'v3')).status, 200, 'If-Match: * is any version');
      assert.equal((await call(`${base}/docs/${id}`, { method: 'DELETE', headers: { 'if-match': '"2"' } })).status, 412);

      const rpc = async (method: string, params: object) =>
        (await postJson(`${base}/jsonrpc`, { jsonrpc: '2.0', id: 1, method, params })).json as {
          result?: { version: number };
          error?: { data: { code: string } };
        };
      assert.equal((await rpc('doc.patch', { pk: id, data: { text: 'v4' }, version: 3 })).result?.version, 4);
      assert.equal((await rpc('doc.patch', { pk: id, data: { text: 'lost' }, version: 3 })).error?.data.code, 'SB_CONFLICT');
      assert.equal((await rpc('doc.delete', { pk: id, version: 1 })).error?.data.code, 'SB_CONFLICT');

      // The Channels socket's request-id form: a stale version is 409 in DCRF's envelope.
      const c = await Client.open(`${running.url.replace('http', 'ws')}/d/channels/doc`);
      try {
        c.send({ action: 'patch', request_id: 1, pk: id, data: { text: 'lost' }, version: 2 });
        const stale = await c.next((f) => f.request_id === 1);
        assert.deepEqual([stale.response_status, stale.data], [409, null]);
        c.send({ action: 'patch', request_id: 2, pk: id, data: { text: 'v5' }, version: 4 });
        assert.deepEqual(await c.next((f) => f.request_id === 2), {
          errors: [],
          data: { id, text: 'v5', version: 5 },
          action: 'patch',
          response_status: 200,
          request_id: 2,
        });
      } finally {
        c.ws.close();
      }
      assert.equal((await call(`${base}/docs/${id}`, { method: 'DELETE', headers: { 'if-match': '"5"' } })).status, 204);
      assert.equal((await call(`${base}/docs/${id}`)).status, 404);
    });
  });
