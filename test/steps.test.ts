/** Call steps: between binding and handler, outermost first, compiled per function, on every protocol. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type CallStep, ClientError, api, controller, createApp, expose, serve, t } from '../src/index.ts';
import type { Running } from '../src/index.ts';
import { call, postJson } from './helpers/http.ts';

const order: string[] = [];
const mark =
  (name: string): CallStep =>
  (_ctx, _args, target) => {
    order.push(`${name}:${target.name}`);
  };

/** Authenticates by a header: no header is 401, `x-user: mallory` is 403. */
const auth: CallStep = (ctx, _args, target) => {
  const user = ctx.request.header('x-user');
  if (user === undefined) throw new ClientError('Who are you?', { status: 401 });
  if (user === 'mallory' && target.policy.admin === true) throw new ClientError('Not for you', { status: 403 });
  ctx.principal = { subject: user, scopes: ['read'] };
};

const asyncStep: CallStep = async (_ctx, args) => {
  await new Promise((r) => setTimeout(r, 1));
  if (args.n === 13) throw new ClientError('Unlucky', { status: 400 });
};

function stepped() {
  return api({
    name: 'stepped',
    basePath: 's',
    steps: [mark('api')],
    policy: { admin: false },
    controllers: {
      open: controller({ hello: expose({ returns: t.string() }, () => 'hi') }),
      closed: controller(
        {
          who: expose({ returns: t.string(), steps: [mark('fn')] }, (_a, ctx) => `${ctx.principal?.subject} ${ctx.principal?.scopes?.join(',')}`),
          admin: expose({ returns: t.string(), policy: { admin: true } }, () => 'secret'),
          lucky: expose({ args: { n: t.integer() }, returns: t.integer(), steps: [asyncStep] }, ({ n }) => n),
        },
        { steps: [mark('controller'), auth] },
      ),
    },
  }).use(mark('use'));
}

describe('call steps', () => {
  let running: Running;
  before(async () => {
    running = await serve(stepped(), { port: 0, host: '127.0.0.1' });
  });
  after(() => running.close());

  it('run outermost first: the API, use(), the controller, the function; the principal reaches the handler', async () => {
    order.length = 0;
    const r = await call(`${running.url}/s/closed/who`, { headers: { 'x-user': 'alice' } });
    assert.deepEqual([r.status, r.json], [200, 'alice read']);
    assert.deepEqual(order, ['api:closed.who', 'use:closed.who', 'controller:closed.who', 'fn:closed.who']);
  });

  it('a step that throws refuses the call in the protocol’s form: 401, 403', async () => {
    const anon = await call(`${running.url}/s/closed/who`);
    assert.deepEqual([anon.status, (anon.json as { faultstring: string }).faultstring], [401, 'Who are you?']);
    const mallory = await call(`${running.url}/s/closed/admin`, { headers: { 'x-user': 'mallory' } });
    assert.equal(mallory.status, 403);
    assert.equal((await call(`${running.url}/s/closed/admin`, { headers: { 'x-user': 'alice' } })).json, 'secret');
    // JSON-RPC over HTTP: the same refusal as a JSON-RPC error.
    const rpc = await postJson(`${running.url}/s/jsonrpc`, { jsonrpc: '2.0', id: 1, method: 'closed.who' });
    assert.equal((rpc.json as { error: { code: number; message: string } }).error.message, 'Who are you?');
    assert.equal((rpc.json as { error: { code: number } }).error.code, -32001);
  });

  it('an async step is awaited, and sees the bound arguments', async () => {
    const ok = await call(`${running.url}/s/closed/lucky?n=7`, { headers: { 'x-user': 'a' } });
    assert.deepEqual([ok.status, ok.json], [200, 7]);
    const no = await call(`${running.url}/s/closed/lucky?n=13`, { headers: { 'x-user': 'a' } });
    assert.deepEqual([no.status, (no.json as { faultstring: string }).faultstring], [400, 'Unlucky']);
  });

  it('a function without steps has no runner at all', () => {
    const app = createApp(api({ name: 'plain', controllers: { f: expose({}, () => undefined) } }));
    assert.equal(app.api.byName.get('f')!.steps, undefined);
    const withSteps = createApp(stepped());
    assert.equal(typeof withSteps.api.byName.get('open.hello')!.steps, 'function');
    assert.deepEqual(withSteps.api.byName.get('closed.admin')!.target.policy, { admin: true });
  });
});
