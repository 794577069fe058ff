// /metrics in the Prometheus text format: calls by API, function, protocol and outcome,
// duration histograms whose buckets add up, gauges; off unless asked for. The CLI's --metrics
// counts open WebSocket connections too.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import WebSocket from 'ws';
import { Metrics, api, controller, expose, serve, t } from '../src/index.ts';
import { type Child, cli, reap } from './helpers/spawn.ts';

const shop = api({
  name: 'shop',
  basePath: '/api',
  controllers: {
    item: controller({
      get: expose({ args: { id: t.integer() }, returns: t.string() }, ({ id }) => `item ${id}`),
      broken: expose({ returns: t.string() }, () => {
        throw new Error('gone');
      }),
      // A stream that stays open until the client goes away.
      forever: expose({ returns: t.integer(), stream: true }, async function* () {
        yield 1;
        await new Promise(() => {});
      }),
    }),
  },
});

/** `name{labels} value` lines as a map. */
function samples(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    out.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return out;
}

describe('metrics', () => {
  let child: Child | undefined;
  afterEach(() => reap(child));

  it('counts calls by outcome and times them, per API, function and protocol', async () => {
    const metrics = new Metrics().gauge('shop_queue_depth', 'Jobs waiting.', () => 4);
    const running = await serve(shop, { port: 0, host: '127.0.0.1', metrics });
    try {
      await fetch(`${running.url}/api/item/get?id=1`);
      await fetch(`${running.url}/api/item/get?id=2`);
      await fetch(`${running.url}/api/item/broken`);
      await fetch(`${running.url}/api/jsonrpc`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"jsonrpc":"2.0","id":1,"method":"item.get","params":[3]}',
      });
      const res = await fetch(`${running.url}/metrics`);
      assert.equal(res.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8');
      const text = await res.text();
      assert.match(text, /^# HELP switchboard_calls_total .*\n# TYPE switchboard_calls_total counter\n/);
      const s = samples(text);
      const rest = 'api="shop",function="item.get",protocol="rest"';
      assert.equal(s.get(`switchboard_calls_total{${rest},outcome="ok"}`), 2);
      assert.equal(s.get('switchboard_calls_total{api="shop",function="item.broken",protocol="rest",outcome="server"}'), 1);
      assert.equal(s.get('switchboard_calls_total{api="shop",function="item.get",protocol="jsonrpc",outcome="ok"}'), 1);
      assert.equal(s.get(`switchboard_call_duration_seconds_count{${rest}}`), 2);
      assert.equal(s.get(`switchboard_call_duration_seconds_bucket{${rest},le="+Inf"}`), 2);
      // Buckets are cumulative: never falling, ending at the count.
      const les = [...s].filter(([k]) => k.startsWith(`switchboard_call_duration_seconds_bucket{${rest},`)).map(([, v]) => v);
      assert.equal(les.length, 14);
      for (let i = 1; i < les.length; i++) assert.ok(les[i]! >= les[i - 1]!, `bucket ${i} falls`);
      assert.equal(les.at(-1), 2);
      assert.ok((s.get(`switchboard_call_duration_seconds_sum{${rest}}`) ?? -1) >= 0);
      assert.equal(s.get('shop_queue_depth'), 4);
    } finally {
      await running.close();
    }
    const plain = await serve(shop, { port: 0, host: '127.0.0.1' });
    try {
      assert.equal((await fetch(`${plain.url}/metrics`)).status, 404);
    } finally {
      await plain.close();
    }
  });

  it('open streams: counted while open, over every protocol', async () => {
    const metrics = new Metrics();
    const running = await serve(shop, { port: 0, host: '127.0.0.1', metrics });
    const scrape = async () => samples(await (await fetch(`${running.url}/metrics`)).text()).get('switchboard_open_streams');
    try {
      assert.equal(await scrape(), 0);
      const stop = new AbortController();
      const res = await fetch(`${running.url}/api/item/forever`, { headers: { accept: 'text/event-stream' }, signal: stop.signal });
      const reader = res.body!.getReader();
      let seen = '';
      while (!seen.includes('data: 1')) seen += new TextDecoder().decode((await reader.read()).value);
      assert.equal(await scrape(), 1);
      stop.abort();
      await reader.cancel().catch(() => {});
      // The server learns of the close from the socket: bounded wait, no timing assertion.
      for (let i = 0; i < 100 && (await scrape()) !== 0; i++) await new Promise((r) => setTimeout(r, 20));
      assert.equal(await scrape(), 0);
    } finally {
      await running.close();
    }
  });

  it('the CLI with --metrics: calls, open sockets and connections', async () => {
    child = cli(['serve', 'test/helpers/cli-app.ts', '--port', '0', '--metrics', '--quiet']);
    const [, url] = await child.waitFor(/at (http:\/\/[^/\s]+)\//);
    await fetch(`${url}/cli/t/hello`);
    const ws = new WebSocket(`${url.replace('http', 'ws')}/cli`);
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    const s = samples(await (await fetch(`${url}/metrics`)).text());
    ws.close();
    assert.equal(s.get('switchboard_calls_total{api="cli-test",function="t.hello",protocol="rest",outcome="ok"}'), 1);
    assert.equal(s.get('switchboard_open_sockets'), 1);
    // This scrape's own connection at least (fetch may keep others alive).
    assert.ok((s.get('switchboard_open_connections') ?? 0) >= 1);
    child.proc.kill('SIGTERM');
    assert.equal(await child.exited(), 0);
  });
});
