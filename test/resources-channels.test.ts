/**
 * The Channels socket at `<base>/channels`, end to end with a real `ws` client against the
 * polls example: the seed's method form, DCRF's request-id form (by socket path and by dotted
 * action; statuses, error shapes, instance and collection subscriptions) and channels-api's
 * multiplexed form. The API's own socket at its base path keeps the project's RPC frames.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pollsApp } from '../examples/polls/app.ts';
import { type StepContext, api, createApp, isAuthenticated, memoryStore, resource, t } from '../src/index.ts';
import { type Running, serve } from '../src/servers/node/index.ts';
import { type WebsocketServer, attachWebsocket } from '../src/servers/ws/index.ts';
import { Client } from './ws-fixture.ts';

describe('the Channels socket', () => {
  const polls = pollsApp({ database: ':memory:' });
  let running: Running;
  let wss: WebsocketServer;
  let ws: string;
  before(async () => {
    await polls.ready();
    running = await serve(createApp(polls.api), { port: 0, host: '127.0.0.1' });
    wss = attachWebsocket(running, { pingInterval: 0 });
    ws = `${running.url.replace('http', 'ws')}/polls/channels`;
  });
  after(async () => {
    await wss.close(200);
    await running.close();
    await polls.close();
  });

  it("the seed's form: {method: 'question.create', question_text} answers the record", async () => {
    const c = await Client.open(ws);
    try {
      c.send({ method: 'question.create', question_text: 'What is your favorite python package?' });
      const created = await c.next(() => true);
      assert.deepEqual(Object.keys(created).sort(), ['id', 'question_text']);
      assert.equal(created.question_text, 'What is your favorite python package?');
      c.send({ method: 'question.retrieve', pk: created.id });
      assert.deepEqual(await c.next(() => true, 5000, 1), created);
      c.send({ method: 'question.update', id: created.id, question_text: 'Changed' });
      assert.deepEqual(await c.next(() => true, 5000, 2), { id: created.id, question_text: 'Changed' });
      c.send({ method: 'user.invite', email: 'friend@x' });
      assert.deepEqual(await c.next(() => true, 5000, 3), { email: 'friend@x' });
      c.send({ method: 'question.retrieve', pk: 999 });
      assert.deepEqual(await c.next(() => true, 5000, 4), { errors: ['Not found'], response_status: 404 });
      c.send({ method: 'question.fly' });
      assert.deepEqual(await c.next(() => true, 5000, 5), { errors: ['Not found'], response_status: 404 });
    } finally {
      c.ws.close();
    }
  });

  it("DCRF's request-id form on /channels/question: every action with its status, request_id echoed", async () => {
    const c = await Client.open(`${ws}/question`);
    try {
      const ask = async (frame: Record<string, unknown>) => {
        c.send(frame);
        return c.next((f) => f.request_id === frame.request_id && f.action === frame.action);
      };
      const created = await ask({ action: 'create', request_id: 1, data: { question_text: 'DCRF?' } });
      const q = created.data as { id: number };
      assert.deepEqual(created, { errors: [], data: { id: q.id, question_text: 'DCRF?' }, action: 'create', response_status: 201, request_id: 1 });
      assert.deepEqual(await ask({ action: 'retrieve', request_id: 42, pk: q.id }), {
        errors: [],
        data: { id: q.id, question_text: 'DCRF?' },
        action: 'retrieve',
        response_status: 200,
        request_id: 42,
      });
      assert.equal((await ask({ action: 'update', request_id: 'u', pk: q.id, data: { question_text: 'U' } })).response_status, 200);
      assert.deepEqual((await ask({ action: 'patch', request_id: 'p', pk: q.id, data: { pub_date: '2024-01-01T00:00:00Z' } })).data, {
        id: q.id,
        question_text: 'U',
        pub_date: '2024-01-01T00:00:00Z',
      });
      const listed = await ask({ action: 'list', request_id: 'l', limit: 1, offset: 0 });
      assert.deepEqual([listed.response_status, (listed.data as { limit: number }).limit], [200, 1]);
      assert.deepEqual(await ask({ action: 'delete', request_id: 'd', pk: q.id }), {
        errors: [],
        data: null,
        action: 'delete',
        response_status: 204,
        request_id: 'd',
      });

      // Errors in DCRF's shapes.
      assert.deepEqual(await ask({ action: 'retrieve', request_id: 5, pk: q.id }), {
        errors: ['Not found'],
        data: null,
        action: 'retrieve',
        response_status: 404,
        request_id: 5,
      });
      const invalid = await ask({ action: 'create', request_id: 6, data: {} });
      assert.deepEqual([invalid.response_status, invalid.errors], [400, [{ question_text: ['This field is required.'] }]]);
      c.send({ request_id: 7, pk: 1 });
      assert.deepEqual(await c.next((f) => f.request_id === 7), {
        errors: ['Unable to find action in message body.'],
        data: null,
        action: null,
        response_status: 405,
        request_id: 7,
      });
      assert.deepEqual(await ask({ action: 'fly', request_id: 8 }), {
        errors: ['Method "fly" not allowed.'],
        data: null,
        action: 'fly',
        response_status: 405,
        request_id: 8,
      });
    } finally {
      c.ws.close();
    }
  });

  it('DCRF subscriptions: subscribe_instance 201, then update and delete events under its request_id; unsubscribe 204', async () => {
    const c = await Client.open(ws);
    try {
      c.send({ action: 'question.create', request_id: 1, data: { question_text: 'Watched' } });
      const q = (await c.next((f) => f.request_id === 1)).data as { id: number };
      c.send({ action: 'question.subscribe_instance', request_id: 4, pk: q.id });
      assert.deepEqual(await c.next((f) => f.request_id === 4), {
        errors: [],
        data: null,
        action: 'question.subscribe_instance',
        response_status: 201,
        request_id: 4,
      });
      c.send({ action: 'question.subscribe', request_id: 9 });
      await c.next((f) => f.request_id === 9 && f.response_status === 201);
      // A change over REST reaches the socket.
      await fetch(`${running.url}/polls/questions/${q.id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: '{"question_text":"Seen"}',
      });
      assert.deepEqual(await c.next((f) => f.request_id === 4 && f.action === 'update'), {
        action: 'update',
        errors: [],
        response_status: 200,
        request_id: 4,
        data: { id: q.id, question_text: 'Seen' },
      });
      await c.next((f) => f.request_id === 9 && f.action === 'update');
      c.send({ action: 'question.unsubscribe', request_id: 9 });
      await c.next((f) => f.request_id === 9 && f.response_status === 204);
      c.send({ action: 'question.delete', request_id: 2, pk: q.id });
      assert.deepEqual(await c.next((f) => f.request_id === 4 && f.action === 'delete'), {
        action: 'delete',
        errors: [],
        response_status: 204,
        request_id: 4,
        data: { pk: q.id },
      });
      c.send({ action: 'question.subscribe_instance', pk: q.id });
      assert.equal((await c.next((f) => f.action === 'question.subscribe_instance' && f.request_id === null)).response_status, 400);
      const seen = c.frames.filter((f) => (f as { request_id?: unknown }).request_id === 9 && (f as { action?: string }).action === 'delete');
      assert.deepEqual(seen, [], 'nothing after unsubscribe');
    } finally {
      c.ws.close();
    }
  });

  it("channels-api's multiplexed form: {stream, payload} CRUD, subscribe with data.action, events with model and pk", async () => {
    const c = await Client.open(ws);
    try {
      const ask = async (stream: string, payload: Record<string, unknown>) => {
        c.send({ stream, payload });
        return c.next((f) => f.stream === stream && (f.payload as { request_id?: unknown }).request_id === payload.request_id);
      };
      const sub = await ask('questions', { action: 'subscribe', data: { action: 'create' }, request_id: 's' });
      assert.deepEqual(sub, {
        stream: 'questions',
        payload: { errors: [], data: { action: 'create' }, action: 'subscribe', response_status: 200, request_id: 's' },
      });
      const created = await ask('questions', { action: 'create', data: { question_text: 'Multiplexed?' }, request_id: 'c' });
      const q = (created.payload as { data: { id: number } }).data;
      assert.equal((created.payload as { response_status: number }).response_status, 201);
      const event = await c.next((f) => f.stream === 'questions' && (f.payload as { model?: string }).model !== undefined);
      assert.deepEqual(event, { stream: 'questions', payload: { action: 'create', data: q, model: 'question', pk: q.id } });
      assert.deepEqual((await ask('question', { action: 'retrieve', pk: String(q.id), request_id: 'r' })).payload, {
        errors: [],
        data: q,
        action: 'retrieve',
        response_status: 200,
        request_id: 'r',
      });
      assert.deepEqual((await ask('questions', { action: 'delete', pk: q.id, request_id: 'd' })).payload, {
        errors: [],
        data: {},
        action: 'delete',
        response_status: 200,
        request_id: 'd',
      });
      assert.deepEqual((await ask('questions', { action: 'retrieve', pk: q.id, request_id: 'n' })).payload, {
        errors: ['Not found.'],
        data: null,
        action: 'retrieve',
        response_status: 404,
        request_id: 'n',
      });
      assert.deepEqual((await ask('questions', { action: 'fly', request_id: 'x' })).payload, {
        errors: ['Invalid Action'],
        data: null,
        action: 'fly',
        response_status: 400,
        request_id: 'x',
      });
      assert.deepEqual((await ask('questions', { action: 'subscribe', request_id: 'y' })).payload, {
        errors: ['action required'],
        data: null,
        action: 'subscribe',
        response_status: 400,
        request_id: 'y',
      });
    } finally {
      c.ws.close();
    }
  });

  it("the multiplexed form's list: channels-api's data.page, and the list's filters, ordering and limit in data", async () => {
    const c = await Client.open(ws);
    try {
      const ask = async (payload: Record<string, unknown>) => {
        c.send({ stream: 'question', payload });
        return (await c.next((f) => f.stream === 'question' && (f.payload as { request_id?: unknown }).request_id === payload.request_id)).payload as {
          data: unknown;
          errors: unknown[];
          response_status: number;
        };
      };
      const made: { id: number; question_text: string }[] = [];
      for (const text of ['mux-a', 'mux-b', 'mux-a', 'mux-c', 'mux-a']) {
        const r = await ask({ action: 'create', data: { question_text: text }, request_id: `c${made.length}` });
        made.push(r.data as { id: number; question_text: string });
      }
      const ids = (r: { data: unknown }) => (r.data as { id: number }[]).map((q) => q.id);
      const a = made.filter((q) => q.question_text === 'mux-a').map((q) => q.id);
      // A filter on a field, ordered, in pages of two: channels-api's `page` counts from 1.
      const first = await ask({ action: 'list', data: { question_text: 'mux-a', ordering: '-id', limit: 2, page: 1 }, request_id: 'l1' });
      assert.deepEqual([first.response_status, first.errors, ids(first)], [200, [], [a[2], a[1]]]);
      const second = await ask({ action: 'list', data: { question_text: 'mux-a', ordering: '-id', limit: 2, page: 2 }, request_id: 'l2' });
      assert.deepEqual(ids(second), [a[0]]);
      // django-filter's lookups and limit/offset work there too.
      const from = made[1]!.id;
      const looked = await ask({ action: 'list', data: { id__gte: from, question_text__in: 'mux-b,mux-c', limit: 5, offset: 0 }, request_id: 'l3' });
      assert.deepEqual(ids(looked), [made[1]!.id, made[3]!.id]);
      // A filter or ordering on what the resource does not declare is the client's fault, in channels-api's envelope.
      const colour = await ask({ action: 'list', data: { colour: 'red' }, request_id: 'l4' });
      assert.deepEqual([colour.response_status, colour.errors, colour.data], [400, ['Unknown argument: "colour"'], null]);
      const ordering = await ask({ action: 'list', data: { ordering: 'colour' }, request_id: 'l5' });
      assert.deepEqual([ordering.response_status, ordering.errors], [400, ['Invalid query: colour is not a field one may order by']]);
      const both = await ask({ action: 'list', data: { page: 2, offset: 1 }, request_id: 'l6' });
      assert.deepEqual([both.response_status, both.errors], [400, ['Invalid query: give offset or page, not both']]);
      const zero = await ask({ action: 'list', data: { page: 0 }, request_id: 'l7' });
      assert.deepEqual([zero.response_status, Object.keys((zero.errors as Record<string, unknown>[])[0]!)], [400, ['page']]);
    } finally {
      c.ws.close();
    }
  });

  it("the API's own socket at its base path keeps the RPC frames", async () => {
    const c = await Client.open(`${running.url.replace('http', 'ws')}/polls`);
    try {
      c.send({ id: 1, method: 'question.list', params: { limit: 0 } });
      const r = await c.next((f) => f.id === 1);
      assert.equal(r.status, 200);
    } finally {
      c.ws.close();
    }
  });
});

describe('the Channels socket: permissions in DCRF’s words', () => {
  const Secret = t.complex('Secret', { id: t.integer(), text: t.string() });
  const auth = (ctx: StepContext) => {
    if (ctx.request.header('x-user')) ctx.principal = { subject: ctx.request.header('x-user') };
  };
  const app = createApp(
    api({
      name: 'vault',
      basePath: '/vault',
      steps: [auth],
      controllers: { secret: resource('secret', { schema: Secret, store: memoryStore({ schema: Secret }), permissions: isAuthenticated }) },
    }),
  );
  let running: Running;
  let wss: WebsocketServer;
  before(async () => {
    running = await serve(app, { port: 0, host: '127.0.0.1' });
    wss = attachWebsocket(running, { pingInterval: 0 });
  });
  after(async () => {
    await wss.close(200);
    await running.close();
  });

  it('401 without credentials, and the action goes through with them (headers of the handshake)', async () => {
    const url = `${running.url.replace('http', 'ws')}/vault/channels/secret`;
    const anon = await Client.open(url);
    const known = await Client.open(url, undefined, { headers: { 'x-user': 'ann' } });
    try {
      anon.send({ action: 'list', request_id: 1 });
      assert.deepEqual(await anon.next((f) => f.request_id === 1), {
        errors: ['Authentication credentials were not provided.'],
        data: null,
        action: 'list',
        response_status: 401,
        request_id: 1,
      });
      known.send({ action: 'create', request_id: 2, data: { text: 'psst' } });
      assert.equal((await known.next((f) => f.request_id === 2)).response_status, 201);
    } finally {
      anon.ws.close();
      known.ws.close();
    }
  });
});
