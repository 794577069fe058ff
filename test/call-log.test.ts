// The call log and request ids on a real server: one line per call with the request id (the
// caller's X-Request-Id, or a new one, echoed back), the API, the function's name whatever the
// protocol called it by, the protocol, the status and the time; a batch's members each their
// line under one id; a Server fault's line at error level with the same id.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { api, callLog, controller, expose, serve, type Serving, t } from '../src/index.ts';
import { type Child, cli, reap } from './helpers/spawn.ts';

const shop = api({
  name: 'shop',
  basePath: '/api',
  controllers: {
    item: controller({
      get: expose({ args: { id: t.integer() }, returns: t.string() }, ({ id }) => `item ${id}`),
      broken: expose({ returns: t.string() }, () => {
        throw new Error('the database is gone');
      }),
    }),
  },
});

describe('the call log', () => {
  const lines: Record<string, unknown>[] = [];
  let running: Serving;
  before(async () => {
    const sink = new Writable({
      write(chunk, _enc, done) {
        for (const l of String(chunk).split('\n')) if (l) lines.push(JSON.parse(l) as Record<string, unknown>);
        done();
      },
    });
    const logger = pino({ base: undefined }, sink);
    running = await serve(shop, { port: 0, host: '127.0.0.1', requestIds: true, observers: [callLog(logger)] });
  });
  after(() => running.close());

  const calls = () => lines.filter((l) => l.msg === 'call' || l.level === 50);

  it("REST: the caller's X-Request-Id is echoed and logged with the function's name", async () => {
    lines.length = 0;
    const res = await fetch(`${running.url}/api/item/get?id=3`, { headers: { 'x-request-id': 'req-42' } });
    assert.equal(await res.json(), 'item 3');
    assert.equal(res.headers.get('x-request-id'), 'req-42');
    const [line] = calls();
    assert.deepEqual(
      { ...line, time: 0, ms: 0 },
      { level: 30, time: 0, reqId: 'req-42', api: 'shop', fn: 'item.get', protocol: 'rest', status: 200, ms: 0, msg: 'call' },
    );
    assert.equal(typeof line.ms, 'number');
  });

  it('JSON-RPC: a batch is one request id and one line per member, each named; a bad id is replaced', async () => {
    lines.length = 0;
    const res = await fetch(`${running.url}/api/jsonrpc`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'spaces are <not> welcome' },
      body: JSON.stringify([
        { jsonrpc: '2.0', id: 1, method: 'item.get', params: { id: 1 } },
        { jsonrpc: '2.0', id: 2, method: 'item.broken' },
      ]),
    });
    assert.equal(res.status, 200);
    const id = res.headers.get('x-request-id');
    assert.match(id ?? '', /^[0-9a-f-]{36}$/);
    assert.deepEqual(
      calls().map((l) => [l.reqId, l.fn, l.protocol, l.status]),
      [
        [id, 'item.get', 'jsonrpc', 200],
        [id, 'item.broken', 'jsonrpc', 500],
      ],
    );
  });

  it('a Server fault is an error line with the request id and the error; the caller sees no internals', async () => {
    lines.length = 0;
    const res = await fetch(`${running.url}/api/item/broken`, { headers: { 'x-request-id': 'req-err' } });
    assert.equal(res.status, 500);
    assert.doesNotMatch(await res.text(), /database/);
    const line = calls().find((l) => l.level === 50)!;
    assert.deepEqual([line.reqId, line.fn, line.status], ['req-err', 'item.broken', 500]);
    assert.match(JSON.stringify(line.err), /the database is gone/);
  });

  it('calls refused before the call path have their line: the function found, or what was asked, with the code', async () => {
    lines.length = 0;
    await fetch(`${running.url}/api/item/get?id=abc`, { headers: { 'x-request-id': 'bad-arg' } });
    await fetch(`${running.url}/api/nowhere`, { headers: { 'x-request-id': 'no-route' } });
    await fetch(`${running.url}/api/jsonrpc`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'no-method' },
      body: '{"jsonrpc":"2.0","id":1,"method":"item.gone"}',
    });
    await fetch(`${running.url}/api/extdirect/router`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'no-action' },
      body: '{"type":"rpc","tid":1,"action":"shelf","method":"get","data":[]}',
    });
    const soap = (id: string, body: string) =>
      fetch(`${running.url}/api`, {
        method: 'POST',
        headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '""', 'x-request-id': id },
        body: `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>${body}</soap:Body></soap:Envelope>`,
      });
    await soap('soap-no-op', '<t:itemGone xmlns:t="urn:shop:types"/>');
    await soap('soap-bad-arg', '<t:itemGet xmlns:t="urn:shop:types"><t:id>abc</t:id></t:itemGet>');
    await soap('soap-not-xml', '<unclosed>');
    assert.deepEqual(
      calls().map((l) => [l.reqId, l.fn, l.asked, l.protocol, l.status, l.code]),
      [
        ['bad-arg', 'item.get', undefined, 'rest', 400, 'SB_INVALID_INPUT'],
        ['no-route', '', 'nowhere', 'rest', 404, 'SB_NOT_FOUND'],
        ['no-method', '', 'item.gone', 'jsonrpc', 404, 'SB_NOT_FOUND'],
        ['no-action', '', 'shelf.get', 'extdirect', 404, 'SB_NOT_FOUND'],
        ['soap-no-op', '', '{urn:shop:types}itemGone', 'soap', 404, 'SB_SOAP_UNKNOWN_OPERATION'],
        ['soap-bad-arg', 'item.get', undefined, 'soap', 400, 'SB_INVALID_INPUT'],
        ['soap-not-xml', '', undefined, 'soap', 400, 'SB_INVALID_XML'],
      ],
    );
  });

  it('an app without the options sends no X-Request-Id', async () => {
    const plain = await serve(shop, { port: 0, host: '127.0.0.1' });
    try {
      const res = await fetch(`${plain.url}/api/item/get?id=1`, { headers: { 'x-request-id': 'mine' } });
      assert.equal(res.headers.get('x-request-id'), null);
    } finally {
      await plain.close();
    }
  });

  describe('switchboard serve', () => {
    let child: Child | undefined;
    after(() => reap(child));

    it('--log-level warn: no info lines, the error line with the echoed request id; no credentials in any line', async () => {
      child = cli(['serve', 'test/helpers/cli-app.ts', '--port', '0', '--log-level', 'warn']);
      const [, url] = await child.waitFor(/at (http:\/\/[^/\s]+)\//);
      const secret = { authorization: 'Bearer sekret-token', cookie: 'session=sekret-cookie' };
      const ok = await fetch(`${url}/cli/t/hello`, { headers: { 'x-request-id': 'cli-ok', ...secret } });
      assert.equal(ok.headers.get('x-request-id'), 'cli-ok');
      const boom = await fetch(`${url}/cli/t/boom`, { headers: { 'x-request-id': 'cli-boom', ...secret } });
      assert.equal(boom.status, 500);
      assert.equal(boom.headers.get('x-request-id'), 'cli-boom');
      await child.waitFor(/"reqId":"cli-boom"/);
      const logged = child.stdout
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      assert.ok(logged.length > 0);
      assert.ok(
        logged.every((l) => (l.level as number) >= 40),
        'only warn and above',
      );
      assert.deepEqual(
        logged.filter((l) => l.reqId === 'cli-boom').map((l) => [l.level, l.fn, l.status]),
        [[50, 't.boom', 500]],
      );
      assert.doesNotMatch(child.stdout, /sekret/);
    });
  });
});
