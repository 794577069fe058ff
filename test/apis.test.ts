/** Several APIs on one server and one port, each under its own base path. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DeclarationError, api, controller, createApp, expose, root, serve, t } from '../src/index.ts';
import type { Running } from '../src/index.ts';
import { attachWebsocket } from '../src/servers/ws/index.ts';
import { call, postJson } from './helpers/http.ts';
import { Client } from './ws-fixture.ts';

const hello = (who: string) => controller({ hello: expose({ returns: t.string() }, () => `hello from ${who}`) });

describe('several APIs on one server', () => {
  let running: Running;
  before(async () => {
    running = await serve(
      [
        api({ name: 'ferris', version: 'v1', basePath: '/_ah/api/ferris/v1', controllers: { greet: hello('ferris v1') } }),
        api({ name: 'ferris', version: 'v2', basePath: '/_ah/api/ferris/v2', controllers: { greet: hello('ferris v2') } }),
        api({ name: 'outer', basePath: '/_ah', controllers: { greet: hello('outer') } }),
        root({ webpath: 'ws', name: 'persons', controllers: { greet: hello('persons') } }),
      ],
      { port: 0, host: '127.0.0.1' },
    );
  });
  after(() => running.close());

  it('each answers below its base path; the longest base path wins', async () => {
    assert.equal((await call(`${running.url}/_ah/api/ferris/v1/greet/hello`)).json, 'hello from ferris v1');
    assert.equal((await call(`${running.url}/_ah/api/ferris/v2/greet/hello`)).json, 'hello from ferris v2');
    assert.equal((await call(`${running.url}/_ah/greet/hello`)).json, 'hello from outer');
    assert.equal((await call(`${running.url}/ws/greet/hello`)).json, 'hello from persons');
    assert.equal((await call(`${running.url}/elsewhere`)).status, 404);
  });

  it('every protocol of each API is under its own base path', async () => {
    const rpc = await postJson(`${running.url}/_ah/api/ferris/v2/jsonrpc`, { jsonrpc: '2.0', id: 1, method: 'greet.hello' });
    assert.deepEqual((rpc.json as { result: string }).result, 'hello from ferris v2');
    const wsdl = await call(`${running.url}/ws/api.wsdl`);
    assert.equal(wsdl.status, 200);
    assert.match(wsdl.text, /greetHello/);
  });

  it('over the WebSocket, each API answers at its own base path', async () => {
    const wss = attachWebsocket(running);
    const ws = running.url.replace('http', 'ws');
    try {
      const v2 = await Client.open(`${ws}/_ah/api/ferris/v2`);
      assert.equal((await v2.call(1, 'greet.hello')).result, 'hello from ferris v2');
      v2.ws.close();
      const persons = await Client.open(`${ws}/ws`, 'jsonrpc');
      persons.send({ jsonrpc: '2.0', id: 2, method: 'greet.hello' });
      assert.equal((await persons.next((f) => f.id === 2)).result, 'hello from persons');
      persons.ws.close();
      await assert.rejects(Client.open(`${ws}/nowhere`), /HTTP 404/);
    } finally {
      await wss.close(200);
    }
  });

  it('the index page lists every API', async () => {
    const page = (await call(`${running.url}/`)).text;
    for (const text of ['ferris v1', 'ferris v2', 'outer', 'persons', '/_ah/api/ferris/v1/greet/hello', '/ws/greet/hello'])
      assert.ok(page.includes(text), text);
  });

  it('two APIs at one base path are a declaration error', () => {
    const a = api({ name: 'a', basePath: '/x', controllers: { greet: hello('a') } });
    const b = api({ name: 'b', basePath: 'x/', controllers: { greet: hello('b') } });
    assert.throws(
      () => createApp([a, b]),
      (e: unknown) => e instanceof DeclarationError && e.code === 'SB_DECL_DUPLICATE_BASE_PATH' && /a and b/.test(e.message),
    );
  });
});
