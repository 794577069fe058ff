/**
 * Every resource operation over every protocol, end to end against the polls example (SQLite),
 * with clients nobody here wrote where they exist: node-soap from the WSDL, jayson for
 * JSON-RPC, Ext Direct's router, the WebSocket RPC (with the subscription stream).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import jayson from 'jayson/promise/index.js';
import { type Client as SoapClient, createClientAsync } from 'soap';
import { pollsApp } from '../examples/polls/app.ts';
import { createApp } from '../src/index.ts';
import { type Running, serve } from '../src/servers/node/index.ts';
import { type WebsocketServer, attachWebsocket } from '../src/servers/ws/index.ts';
import { postJson } from './helpers/http.ts';
import { Client as WsClient } from './ws-fixture.ts';

describe('resources over every protocol (the polls example)', () => {
  const polls = pollsApp({ database: ':memory:' });
  let running: Running;
  let wss: WebsocketServer;
  let base: string;
  before(async () => {
    await polls.ready();
    running = await serve(createApp(polls.api), { port: 0, host: '127.0.0.1' });
    wss = attachWebsocket(running);
    base = `${running.url}/polls`;
  });
  after(async () => {
    await wss.close(200);
    await running.close();
    await polls.close();
  });

  it('SOAP (node-soap, from the WSDL): create, retrieve, update, patch, list, delete, a not-found fault', async () => {
    const client: SoapClient = await createClientAsync(`${base}/api.wsdl`);
    const op = async (name: string, args: object) => {
      const fn = client[`${name}Async`] as ((a: object) => Promise<[unknown]>) | undefined;
      assert.equal(typeof fn, 'function', `the WSDL has ${name}`);
      return (await fn!.call(client, args))[0] as { result?: Record<string, unknown> } | null;
    };
    const created = (await op('questionCreate', { data: { question_text: 'Over SOAP?' } }))!.result!;
    const id = Number(created.id);
    assert.equal(created.question_text, 'Over SOAP?');
    assert.equal((await op('questionRetrieve', { pk: id }))!.result!.question_text, 'Over SOAP?');
    assert.equal((await op('questionUpdate', { pk: id, data: { question_text: 'Replaced' } }))!.result!.question_text, 'Replaced');
    const patched = (await op('questionPatch', { pk: id, data: { pub_date: '2024-05-06T07:08:09Z' } }))!.result!;
    // node-soap reads an xs:dateTime into a Date.
    assert.deepEqual([patched.question_text, String((patched.pub_date as Date).toISOString())], ['Replaced', '2024-05-06T07:08:09.000Z']);
    const page = (await op('questionList', { question_text: 'Replaced' }))!.result!;
    assert.equal(Number(page.count), 1);
    await op('questionDelete', { pk: id });
    await assert.rejects(op('questionRetrieve', { pk: id }), (err: { root?: { Envelope?: { Body?: { Fault?: { faultstring?: string } } } } }) => {
      assert.match(String(err.root?.Envelope?.Body?.Fault?.faultstring), /Not found: no question with id/);
      return true;
    });
    assert.equal(client.questionSubscribeAsync, undefined, 'streams are left out of the WSDL');
  });

  it('JSON-RPC (jayson): every action, a filter argument, errors with their codes', async () => {
    const url = new URL(base);
    const rpc = jayson.Client.http({ hostname: url.hostname, port: Number(url.port), path: '/polls/jsonrpc' });
    const ask = async (method: string, params: object) => {
      const r = (await rpc.request(method, params)) as { result?: Record<string, unknown>; error?: { code: number; data?: { code?: string } } };
      return r;
    };
    const created = (await ask('question.create', { data: { question_text: 'Over JSON-RPC?' } })).result!;
    const id = created.id as number;
    assert.deepEqual((await ask('question.retrieve', { pk: id })).result, created);
    assert.equal((await ask('question.update', { pk: id, data: { question_text: 'U' } })).result!.question_text, 'U');
    assert.equal((await ask('question.patch', { pk: id, data: { pub_date: '2024-01-01T00:00:00Z' } })).result!.pub_date, '2024-01-01T00:00:00Z');
    const listed = (await ask('question.list', { filter: { question_text: { $in: ['U', 'V'] } }, ordering: '-id' })).result as { count: number };
    assert.equal(listed.count, 1);
    const bad = await ask('question.list', { filter: { colour: 'red' } });
    assert.equal(bad.error?.data?.code, 'SB_BAD_QUERY');
    assert.equal((await ask('question.delete', { pk: id })).result ?? null, null);
    const missing = await ask('question.retrieve', { pk: id });
    assert.equal(missing.error?.data?.code, 'SB_RECORD_NOT_FOUND');
    const invite = await ask('user.invite', { email: 'x@y', name: 'X' });
    assert.deepEqual(invite.result, { email: 'x@y', name: 'X' });
    const stream = await ask('question.subscribe', {});
    assert.equal(stream.error?.data?.code, 'SB_STREAM_NOT_CARRIED', 'JSON-RPC over HTTP cannot carry the stream');
  });

  it('Ext Direct: every action through the router, a batch in one request', async () => {
    const router = `${base}/extdirect/router`;
    const one = async (method: string, data: object, tid: number) => {
      const r = await postJson(router, { type: 'rpc', tid, action: 'question', method, data });
      const body = r.json as { type: string; result?: Record<string, unknown>; message?: string };
      return body;
    };
    const created = (await one('create', { data: { question_text: 'Over Ext Direct?' } }, 1)).result!;
    const id = created.id as number;
    assert.equal((await one('retrieve', { pk: id }, 2)).result!.question_text, 'Over Ext Direct?');
    const batch = await postJson(router, [
      { type: 'rpc', tid: 3, action: 'question', method: 'update', data: { pk: id, data: { question_text: 'E' } } },
      { type: 'rpc', tid: 4, action: 'question', method: 'patch', data: { pk: id, data: { pub_date: '2024-02-02T00:00:00Z' } } },
    ]);
    const [u, p] = batch.json as { result: Record<string, unknown> }[];
    assert.deepEqual([u!.result.question_text, p!.result.pub_date], ['E', '2024-02-02T00:00:00Z']);
    assert.equal(((await one('list', { question_text: 'E' }, 5)).result as { count: number }).count, 1);
    assert.equal((await one('delete', { pk: id }, 6)).type, 'rpc');
    const gone = await one('retrieve', { pk: id }, 7);
    assert.equal(gone.type, 'exception');
    assert.match(String(gone.message), /Not found/);
  });

  it('Ext Direct polling: question.subscribe is a polling provider; each poll answers the changes since the last', async () => {
    const url = `${base}/extdirect/poll/question/subscribe`;
    const first = await fetch(url);
    assert.equal(first.status, 200);
    assert.deepEqual(await first.json(), []);
    const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0]!;
    const created = (await postJson(`${base}/questions`, { question_text: 'Polled?' })).json as { id: number };
    const events = (await (await fetch(url, { headers: { cookie } })).json()) as { type: string; name: string; data: unknown }[];
    assert.deepEqual(events, [{ type: 'event', name: 'question.subscribe', data: { action: 'created', pk: created.id, data: created } }]);
    const api = await (await fetch(`${base}/extdirect/api.js`)).text();
    assert.match(api, /"question\.subscribe": \{\s*"type": "polling",\s*"url": "\/polls\/extdirect\/poll\/question\/subscribe"/);
  });

  it('WebSocket RPC: every action, and question.subscribe streams the changes made over any protocol', async () => {
    const ws = await WsClient.open(`${base.replace('http', 'ws')}`);
    try {
      ws.send({ id: 'sub', method: 'question.subscribe', params: {} });
      // The stream is open once a call made after it is answered on the same socket (calls run in order of arrival).
      ws.send({ id: 0, method: 'question.list', params: { limit: 0 } });
      await ws.next((f) => f.id === 0);
      ws.send({ id: 1, method: 'question.create', params: { data: { question_text: 'Over the socket?' } } });
      const created = (await ws.next((f) => f.id === 1)).result as { id: number };
      const ev1 = await ws.next((f) => f.id === 'sub' && f.event === 1);
      assert.deepEqual(ev1.data, { action: 'created', pk: created.id, data: created });
      ws.send({ id: 2, method: 'question.retrieve', params: { pk: created.id } });
      assert.deepEqual((await ws.next((f) => f.id === 2)).result, created);
      ws.send({ id: 3, method: 'question.update', params: { pk: created.id, data: { question_text: 'W' } } });
      assert.equal(((await ws.next((f) => f.id === 3)).result as { question_text: string }).question_text, 'W');
      // A change over REST reaches the socket's stream too.
      const r = await fetch(`${base}/questions/${created.id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: '{"question_text":"R"}',
      });
      assert.equal(r.status, 200);
      const ev3 = await ws.next((f) => f.id === 'sub' && f.event === 3);
      assert.deepEqual(ev3.data, { action: 'updated', pk: created.id, data: { id: created.id, question_text: 'R' } });
      ws.send({ id: 4, method: 'question.list', params: { question_text: 'R' } });
      assert.equal(((await ws.next((f) => f.id === 4)).result as { count: number }).count, 1);
      ws.send({ id: 5, method: 'question.delete', params: { pk: created.id } });
      assert.equal((await ws.next((f) => f.id === 5)).status, 200);
      const ev4 = await ws.next((f) => f.id === 'sub' && f.event === 4);
      assert.deepEqual(ev4.data, { action: 'deleted', pk: created.id, data: { id: created.id, question_text: 'R' } });
      ws.send({ id: 'sub', cancel: true });
      await ws.next((f) => f.id === 'sub' && f.done === true);
    } finally {
      ws.ws.close();
    }
  });
});
