// Every kind of API in every document: a resource API (examples/polls: CRUD resources with
// subscriptions and a custom method) and an EDL interface (examples/edl) get an OpenAPI document
// that swagger-parser validates, an AsyncAPI document that @asyncapi/parser reads without error,
// a WSDL node-soap builds a client from, an index page, and — served below /_ah/api/ — a discovery
// document googleapis-common builds a working client from; each lists their operations.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import SwaggerParser from '@apidevtools/swagger-parser';
import { Parser } from '@asyncapi/parser';
import { Discovery } from 'googleapis-common';
import { createClientAsync } from 'soap';
import { memoryHandlers } from '../examples/edl/store.ts';
import { Question, pollsApp } from '../examples/polls/app.ts';
import { type Running, api, createApp, edlApi, memoryBus, memoryStore, resource, serve } from '../src/index.ts';
import { call } from './helpers/http.ts';
import { redoclyLint } from './helpers/redocly.ts';

const EDL = new URL('../examples/edl/books.edl', import.meta.url).pathname;

type Method = (params: Record<string, unknown>) => Promise<{ status: number; data: unknown }>;

describe('resource and EDL APIs in every document', () => {
  let running: Running;
  let polls: ReturnType<typeof pollsApp>;
  /** Each API's base path and its functions' dotted names. */
  let apis: { base: string; functions: string[]; streams: string[] }[];
  const openapis = new Map<string, unknown>();
  const asyncapis = new Map<string, string>();
  before(async () => {
    polls = pollsApp({ database: ':memory:', prefix: `docs${process.pid}` });
    await polls.ready();
    const library = edlApi({ files: [EDL], name: 'library', version: 'v1', basePath: '/library', handlers: memoryHandlers() });
    // The same kinds where Cloud Endpoints serves them, for the discovery service.
    const questions = api({
      name: 'polls',
      version: 'v1',
      basePath: '/_ah/api/polls/v1',
      controllers: { question: resource('question', { schema: Question, store: memoryStore({ schema: Question, name: 'question' }), bus: memoryBus() }) },
    });
    const googleLibrary = edlApi({ files: [EDL], name: 'library', version: 'v1', basePath: '/_ah/api/library/v1', handlers: memoryHandlers() });
    const app = createApp([polls.api, library, questions, googleLibrary]);
    apis = app.apis.map((a) => ({
      base: a.webpath,
      functions: a.functions.map((f) => f.name),
      streams: a.functions.filter((f) => f.def.stream).map((f) => f.name),
    }));
    running = await serve(app, { port: 0, host: '127.0.0.1' });
    // Read first: redocly runs synchronously, long enough for a kept-alive socket to time out.
    for (const a of apis) {
      openapis.set(a.base, (await call(`${running.url}${a.base}/openapi.json`)).json);
      asyncapis.set(a.base, (await call(`${running.url}${a.base}/asyncapi.json`)).text);
    }
  });
  after(async () => {
    await running?.close();
    await polls?.close();
  });

  it('OpenAPI: valid for swagger-parser and redocly, an operation for every function', async () => {
    for (const { base, functions } of apis) {
      const doc = openapis.get(base) as { paths: Record<string, Record<string, { 'x-switchboard-function': string }>> };
      await SwaggerParser.validate(structuredClone(doc) as never);
      assert.deepEqual(
        redoclyLint(doc).filter((p) => p.severity === 'error'),
        [],
        base,
      );
      const listed = new Set(Object.values(doc.paths).flatMap((item) => Object.values(item).map((op) => op['x-switchboard-function'])));
      assert.deepEqual([...listed].sort(), [...functions].sort(), base);
    }
  });

  it('AsyncAPI: read by @asyncapi/parser without error, a call of every function on each payload', async () => {
    for (const { base, functions } of apis) {
      const text = asyncapis.get(base)!;
      const { document, diagnostics } = await new Parser().parse(text);
      assert.deepEqual(
        diagnostics.filter((d) => d.severity === 0).map((d) => d.message),
        [],
        base,
      );
      const ops = new Set(
        document!
          .operations()
          .all()
          .map((o) => o.id()),
      );
      for (const f of functions) for (const p of ['json', 'msgpack', 'jsonrpc']) assert.ok(ops.has(`${f}.${p}`), `${base}: ${f}.${p}`);
    }
  });

  it('WSDL: node-soap builds a client with an operation for every function that is no stream', async () => {
    for (const { base, functions, streams } of apis) {
      const client = await createClientAsync(`${running.url}${base}/api.wsdl`);
      const described = client.describe() as Record<string, Record<string, Record<string, unknown>>>;
      const ports = Object.values(described).flatMap((service) => Object.values(service));
      const operations = new Set(ports.flatMap((port) => Object.keys(port)));
      assert.equal(operations.size, functions.length - streams.length, `${base}: ${[...operations].join(' ')}`);
    }
  });

  it('the index page links every function and every document', async () => {
    for (const { base, functions } of apis) {
      const page = await call(`${running.url}${base}/`, { headers: { accept: 'text/html' } });
      assert.equal(page.status, 200, base);
      for (const f of functions) assert.ok(page.text.includes(`>${f}</a>`), `${base}: ${f}`);
      for (const d of ['api.wsdl', 'openapi.json', 'asyncapi.json', 'openrpc.json', 'extdirect/api.js'])
        assert.ok(page.text.includes(`href="${base}/${d}"`), `${base}: ${d}`);
    }
  });

  it('discovery: the resource API and the EDL API below /_ah/api/ get working googleapis-common clients', async () => {
    const root = `${running.url}/_ah/api/`;
    const q = await new Discovery({}).discoverAPI(`${root}discovery/v1/apis/polls/v1/rest`);
    const pollsClient = q({}, {}) as unknown as { question: Record<string, Method> };
    assert.deepEqual(Object.keys(pollsClient.question).sort(), ['create', 'delete', 'list', 'patch', 'retrieve', 'update']);
    const created = await pollsClient.question.create({ requestBody: { question_text: 'Discovered?' } });
    assert.equal(created.status, 201);
    const pk = String((created.data as { id: number }).id);
    assert.equal(((await pollsClient.question.retrieve({ pk })).data as { question_text: string }).question_text, 'Discovered?');

    const l = await new Discovery({}).discoverAPI(`${root}discovery/v1/apis/library/v1/rest`);
    const libraryClient = l({}, {}) as unknown as { RestAPI: Record<string, Method> };
    assert.ok(Object.keys(libraryClient.RestAPI).includes('GetBooks'));
    assert.equal((await libraryClient.RestAPI.GetBooks!({})).status, 200);
  });
});
