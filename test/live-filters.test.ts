/**
 * Filtered subscriptions with DCRF's model-observer semantics (`channels-dcrf.md`): a change
 * that moves a record into the subscriber's filter arrives as a create, one that moves it out
 * as a delete, one that keeps it inside as an update; changes outside it are not sent. Over
 * the Channels socket's request-id form and over SSE, against the polls example (a fresh one
 * per test, so the ids are those of docs/live.md, whose `jsonl` blocks are the expected events).
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { pollsApp } from '../examples/polls/app.ts';
import { createApp } from '../src/index.ts';
import { type Running, serve } from '../src/servers/node/index.ts';
import { type WebsocketServer, attachWebsocket } from '../src/servers/ws/index.ts';
import { blocks } from './helpers/docs.ts';
import { call, postJson } from './helpers/http.ts';
import { SseReader } from './helpers/sse.ts';
import { Client } from './ws-fixture.ts';

/** docs/live.md's event listings: the DCRF frames, then the SSE items. */
const [DCRF_EVENTS, SSE_EVENTS] = blocks('docs/live.md')
  .filter((b) => b.lang === 'jsonl')
  .map((b) =>
    b.code
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as unknown),
  );

describe('a subscription with a filter: entering is a create, leaving a delete', () => {
  let polls: ReturnType<typeof pollsApp>;
  let running: Running;
  let wss: WebsocketServer;
  let base: string;
  beforeEach(async () => {
    polls = pollsApp({ database: ':memory:' });
    await polls.ready();
    running = await serve(createApp(polls.api), { port: 0, host: '127.0.0.1' });
    wss = attachWebsocket(running, { pingInterval: 0 });
    base = `${running.url}/polls`;
  });
  afterEach(async () => {
    await wss.close(200);
    await running.close();
    await polls.close();
  });

  const create = async (text: string) => (await postJson(`${base}/questions`, { question_text: text })).json as { id: number };
  const patch = (id: number, text: string) =>
    call(`${base}/questions/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question_text: text }) });

  /** docs/live.md's writes; `in:…` texts are inside the filter. Ends with a create inside it. */
  async function writes(): Promise<{ a: number; b: number; c: number; end: number }> {
    const a = (await create('out:a')).id; // 1, outside: nothing
    const b = (await create('in:b')).id; // 2, created
    await patch(a, 'in:a'); // enters: created
    await patch(b, 'in:b2'); // stays: updated
    await patch(b, 'out:b'); // leaves: deleted (as it was)
    await patch(b, 'out:b2'); // outside, stays outside: nothing
    const c = (await create('out:c')).id; // 3
    await call(`${base}/questions/${c}`, { method: 'DELETE' }); // outside: nothing
    await call(`${base}/questions/${a}`, { method: 'DELETE' }); // deleted
    const end = (await create('in:end')).id; // 4
    assert.deepEqual([a, b, c, end], [1, 2, 3, 4], "docs/live.md's ids");
    return { a, b, c, end };
  }
  const FILTER = { question_text: { $in: ['in:a', 'in:b', 'in:b2', 'in:end'] } };

  it("DCRF's form: {action: 'question.subscribe', filter} — create / update / delete as the record enters, stays, leaves", async () => {
    const c = await Client.open(`${base.replace('http', 'ws')}/channels`);
    try {
      c.send({ action: 'question.subscribe', request_id: 7, filter: FILTER });
      assert.equal((await c.next((f) => f.request_id === 7)).response_status, 201);
      const { end } = await writes();
      await c.next((f) => f.request_id === 7 && f.action === 'create' && (f.data as { id?: number } | null)?.id === end);
      const events = c.frames.filter((f) => (f as { request_id?: unknown }).request_id === 7 && (f as { action: string }).action !== 'question.subscribe');
      assert.deepEqual(events, DCRF_EVENTS);
      assert.deepEqual(
        events.map((f) => (f as { action: string }).action),
        ['create', 'create', 'update', 'delete', 'delete', 'create'],
      );
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
      await writes();
      const got = (await sse.take(6)).map((e) => e.data);
      assert.deepEqual(got, SSE_EVENTS);
      assert.deepEqual(
        got.map((e) => (e as { action: string }).action),
        ['created', 'created', 'updated', 'deleted', 'deleted', 'created'],
      );
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
