/**
 * Filtered subscriptions with DCRF's model-observer semantics (`channels-dcrf.md`): a change
 * that moves a record into the subscriber's filter arrives as a create, one that moves it out
 * as a delete, one that keeps it inside as an update; changes outside it are not sent. Over
 * the Channels socket's request-id form and over SSE, against the polls example.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pollsApp } from '../examples/polls/app.ts';
import { createApp } from '../src/index.ts';
import { type Running, serve } from '../src/servers/node/index.ts';
import { type WebsocketServer, attachWebsocket } from '../src/servers/ws/index.ts';
import { call, postJson } from './helpers/http.ts';
import { SseReader } from './helpers/sse.ts';
import { Client } from './ws-fixture.ts';

describe('a subscription with a filter: entering is a create, leaving a delete', () => {
  const polls = pollsApp({ database: ':memory:' });
  let running: Running;
  let wss: WebsocketServer;
  let base: string;
  before(async () => {
    await polls.ready();
    running = await serve(createApp(polls.api), { port: 0, host: '127.0.0.1' });
    wss = attachWebsocket(running, { pingInterval: 0 });
    base = `${running.url}/polls`;
  });
  after(async () => {
    await wss.close(200);
    await running.close();
    await polls.close();
  });

  const create = async (text: string) => (await postJson(`${base}/questions`, { question_text: text })).json as { id: number };
  const patch = (id: number, text: string) =>
    call(`${base}/questions/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question_text: text }) });

  /** The writes both carriers see; `in:…` texts are inside the filter. Ends with a create inside it. */
  async function writes(): Promise<{ a: number; b: number; c: number; end: number }> {
    const a = (await create('out:a')).id; // outside: nothing
    const b = (await create('in:b')).id; // created
    await patch(a, 'in:a'); // enters: created
    await patch(b, 'in:b2'); // stays: updated
    await patch(b, 'out:b'); // leaves: deleted (as it was)
    await patch(b, 'out:b2'); // outside, stays outside: nothing
    const c = (await create('out:c')).id;
    await call(`${base}/questions/${c}`, { method: 'DELETE' }); // outside: nothing
    await call(`${base}/questions/${a}`, { method: 'DELETE' }); // deleted
    const end = (await create('in:end')).id;
    return { a, b, c, end };
  }
  const FILTER = { question_text: { $in: ['in:a', 'in:b', 'in:b2', 'in:end'] } };

  it("DCRF's form: {action: 'question.subscribe', filter} — create / update / delete as the record enters, stays, leaves", async () => {
    const c = await Client.open(`${base.replace('http', 'ws')}/channels`);
    try {
      c.send({ action: 'question.subscribe', request_id: 7, filter: FILTER });
      assert.equal((await c.next((f) => f.request_id === 7)).response_status, 201);
      const { a, b, end } = await writes();
      await c.next((f) => f.request_id === 7 && f.action === 'create' && (f.data as { id?: number } | null)?.id === end);
      const events = c.frames
        .filter((f) => (f as { request_id?: unknown }).request_id === 7 && (f as { action: string }).action !== 'question.subscribe')
        .map((f) => {
          const { action, data, response_status } = f as { action: string; data: unknown; response_status: number };
          return [action, response_status, data];
        });
      assert.deepEqual(events, [
        ['create', 201, { id: b, question_text: 'in:b' }],
        ['create', 201, { id: a, question_text: 'in:a' }],
        ['update', 200, { id: b, question_text: 'in:b2' }],
        ['delete', 204, { pk: b }],
        ['delete', 204, { pk: a }],
        ['create', 201, { id: end, question_text: 'in:end' }],
      ]);
    } finally {
      c.ws.close();
    }
  });

  it("over SSE (django-filter's spelling in the query): the same events, a record leaving sent as it was seen last", async () => {
    const ctl = new AbortController();
    try {
      const res = await fetch(`${base}/questions/changes?question_text__in=${FILTER.question_text.$in.join(',')}`, {
        headers: { accept: 'text/event-stream' },
        signal: ctl.signal,
      });
      assert.equal(res.status, 200);
      const sse = new SseReader(res);
      const { a, b, end } = await writes();
      const got = (await sse.take(6)).map((e) => e.data);
      assert.deepEqual(got, [
        { action: 'created', pk: b, data: { id: b, question_text: 'in:b' } },
        { action: 'created', pk: a, data: { id: a, question_text: 'in:a' } },
        { action: 'updated', pk: b, data: { id: b, question_text: 'in:b2' } },
        { action: 'deleted', pk: b, data: { id: b, question_text: 'in:b2' } },
        { action: 'deleted', pk: a, data: { id: a, question_text: 'in:a' } },
        { action: 'created', pk: end, data: { id: end, question_text: 'in:end' } },
      ]);
    } finally {
      ctl.abort();
    }
  });

  it('a filter on a field one may not filter on is refused before the stream opens', async () => {
    const res = await call(`${base}/questions/changes?colour=red`, {
      headers: { accept: 'text/event-stream' },
    });
    assert.equal(res.status, 400);
    const c = await Client.open(`${base.replace('http', 'ws')}/channels`);
    try {
      c.send({ action: 'question.subscribe', request_id: 8, filter: { colour: 'red' } });
      const refused = await c.next((f) => f.request_id === 8);
      assert.equal(refused.response_status, 400);
    } finally {
      c.ws.close();
    }
  });
});
