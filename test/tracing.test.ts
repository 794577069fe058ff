// OpenTelemetry with the SDK's in-memory exporter: one server span per call (a JSON-RPC batch's
// members each one), the semantic conventions' attributes, the caller's traceparent as parent,
// and Server faults marked as errors.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { propagation, trace } from '@opentelemetry/api';
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
    }),
  },
});

describe('OpenTelemetry spans', () => {
  const exporter = new InMemorySpanExporter();
  let running: Serving;
  before(async () => {
    trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    running = await serve(shop, { port: 0, host: '127.0.0.1', requestIds: true, observers: [await openTelemetry()] });
  });
  after(async () => {
    await running.close();
    trace.disable();
    propagation.disable();
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
});
