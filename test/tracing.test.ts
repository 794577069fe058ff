// OpenTelemetry with the SDK's in-memory exporter: one server span per call (a JSON-RPC batch's
// members each one, an Ext Direct batch's too), the semantic conventions' attributes, the
// caller's traceparent as parent, Server faults marked as errors; the handler's own spans nest
// under the call's; a stream's span lasts as long as the stream, an event per item; calls
// refused before the call path (no such function, a body that does not parse) have spans too.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { api, controller, expose, openTelemetry, serve, type Serving, t } from '../src/index.ts';

const shop = api({
  name: 'shop',
  basePath: '/api',
  controllers: {
    item: controller({
      get: expose({ args: { id: t.integer() }, returns: t.string() }, ({ id }) => `item ${id}`),
      broken: expose({ returns: t.string() }, () => {
        throw new Error('gone');
      }),
      // The application's own spans, before and after an await: both children of the call's.
      lookup: expose({ returns: t.string() }, async () => {
        app.startSpan('before').end();
        await new Promise((resolve) => setTimeout(resolve, 1));
        app.startSpan('after').end();
        return 'found';
      }),
      ticks: expose({ args: { n: t.integer() }, returns: t.integer(), stream: true }, async function* ({ n }) {
        for (let i = 1; i <= n; i++) {
          app.startSpan(`tick ${i}`).end();
          yield i;
        }
      }),
    }),
  },
});

const app = trace.getTracer('app');

describe('OpenTelemetry spans', () => {
  const exporter = new InMemorySpanExporter();
  let running: Serving;
  before(async () => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    running = await serve(shop, { port: 0, host: '127.0.0.1', requestIds: true, observers: [await openTelemetry()] });
  });
  after(async () => {
    await running.close();
    trace.disable();
    propagation.disable();
    context.disable();
  });

  it('a REST call: an HTTP server span, child of the traceparent it came with', async () => {
    exporter.reset();
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const res = await fetch(`${running.url}/api/item/get?id=1`, { headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01`, 'x-request-id': 'r1' } });
    assert.equal(res.status, 200);
    const [span] = exporter.getFinishedSpans();
    assert.equal(span.name, 'GET item.get');
    assert.equal(span.kind, 1); // SERVER
    assert.equal(span.spanContext().traceId, traceId);
    assert.equal(span.parentSpanContext?.spanId, '00f067aa0ba902b7');
    assert.deepEqual(span.attributes, {
      'http.request.method': 'GET',
      'url.path': '/api/item/get',
      'switchboard.request_id': 'r1',
      'switchboard.function': 'item.get',
      'http.response.status_code': 200,
    });
  });

  it('a JSON-RPC batch: one RPC span per member, rpc.system jsonrpc, the failing one an error', async () => {
    exporter.reset();
    await fetch(`${running.url}/api/jsonrpc`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([
        { jsonrpc: '2.0', id: 1, method: 'item.get', params: { id: 1 } },
        { jsonrpc: '2.0', id: 2, method: 'item.broken' },
      ]),
    });
    const spans = exporter.getFinishedSpans();
    assert.deepEqual(
      spans.map((s) => [s.name, s.attributes['rpc.system'], s.attributes['rpc.service'], s.attributes['rpc.method'], s.status.code]),
      [
        ['shop.item/get', 'jsonrpc', 'shop.item', 'get', 0],
        ['shop.item/broken', 'jsonrpc', 'shop.item', 'broken', 2],
      ],
    );
    assert.equal(spans[1].attributes['error.type'], 'SB_SERVER_ERROR');
    // Without a traceparent each starts a trace of its own.
    assert.equal(spans[0].parentSpanContext, undefined);
  });

  it("the handler runs in the call's span context: its own spans are children, after an await too", async () => {
    exporter.reset();
    assert.equal(await (await fetch(`${running.url}/api/item/lookup`)).json(), 'found');
    const spans = exporter.getFinishedSpans();
    const call = spans.find((s) => s.name === 'GET item.lookup')!;
    assert.deepEqual(
      spans.filter((s) => s !== call).map((s) => [s.name, s.parentSpanContext?.spanId, s.spanContext().traceId]),
      [
        ['before', call.spanContext().spanId, call.spanContext().traceId],
        ['after', call.spanContext().spanId, call.spanContext().traceId],
      ],
    );
  });

  it("a stream's span lasts as long as the stream: an event per item delivered, the generator's spans its children", async () => {
    exporter.reset();
    const res = await fetch(`${running.url}/api/item/ticks?n=3`, { headers: { accept: 'text/event-stream' } });
    assert.match(await res.text(), /data: 3/);
    const spans = exporter.getFinishedSpans();
    const call = spans.find((s) => s.name === 'GET item.ticks')!;
    assert.ok(call, 'the stream has a span');
    assert.deepEqual(
      call.events.map((e) => [e.name, e.attributes?.['switchboard.stream.item']]),
      [
        ['stream.item', 1],
        ['stream.item', 2],
        ['stream.item', 3],
      ],
    );
    assert.equal(call.attributes['switchboard.stream.items'], 3);
    assert.deepEqual(
      spans.filter((s) => s.name.startsWith('tick')).map((s) => [s.name, s.parentSpanContext?.spanId]),
      [1, 2, 3].map((i) => [`tick ${i}`, call.spanContext().spanId]),
    );
  });

  it('an Ext Direct batch: one span per member, rpc.system extdirect', async () => {
    exporter.reset();
    const res = await fetch(`${running.url}/api/extdirect/router`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([
        { type: 'rpc', tid: 1, action: 'item', method: 'get', data: [1] },
        { type: 'rpc', tid: 2, action: 'item', method: 'get', data: [2] },
      ]),
    });
    assert.equal(res.status, 200);
    assert.deepEqual(
      exporter.getFinishedSpans().map((s) => [s.name, s.attributes['rpc.system'], s.attributes['rpc.method']]),
      [
        ['shop.item/get', 'extdirect', 'get'],
        ['shop.item/get', 'extdirect', 'get'],
      ],
    );
  });

  it('calls refused before the call path have spans: an unknown path, an argument that does not convert, an unknown method, a body that is not JSON', async () => {
    exporter.reset();
    assert.equal(
      (await fetch(`${running.url}/api/item/nothing`, { headers: { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' } })).status,
      404,
    );
    assert.equal((await fetch(`${running.url}/api/item/get?id=abc`)).status, 400);
    const rpc = (body: string) => fetch(`${running.url}/api/jsonrpc`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    await rpc(
      JSON.stringify([
        { jsonrpc: '2.0', id: 1, method: 'item.get', params: [1] },
        { jsonrpc: '2.0', id: 2, method: 'item.nope' },
      ]),
    );
    await rpc('{"jsonrpc": "2.0", ');
    const spans = exporter.getFinishedSpans();
    assert.deepEqual(
      spans.map((s) => [s.name, s.attributes['error.type'], s.attributes['switchboard.function'] ?? s.attributes['switchboard.asked']]),
      [
        ['GET', 'SB_NOT_FOUND', 'item/nothing'],
        ['GET item.get', 'SB_INVALID_INPUT', 'item.get'],
        ['shop.item/get', undefined, 'item.get'],
        ['jsonrpc item.nope', 'SB_NOT_FOUND', 'item.nope'],
        ['jsonrpc', 'SB_INVALID_JSON', undefined],
      ],
    );
    // A refusal is still the child of the traceparent it came with, and a client fault is not a failed span.
    assert.equal(spans[0].spanContext().traceId, '4bf92f3577b34da6a3ce929d0e0e4736');
    assert.equal(spans[0].attributes['http.response.status_code'], 404);
    assert.equal(spans[0].status.code, 0);
  });
});
