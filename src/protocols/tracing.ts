/**
 * OpenTelemetry: one span per call — batch members each their own, a stream's lasting as long
 * as the stream with an event per item, a call refused before the call path one too — with the
 * semantic conventions' RPC and HTTP attributes (`rpc.system` = `soap`, `jsonrpc`, `extdirect`,
 * `wsrpc`; REST calls are HTTP server spans), a child of the caller's `traceparent` when it sent
 * one. The handler runs in its span's context, so the spans it makes are the call span's children.
 * `@opentelemetry/api` is an optional peer: `openTelemetry()` loads it and says so when it is
 * missing; the SDK the application registers decides where spans go.
 */
import type { Span, Tracer } from '@opentelemetry/api';
import type { SwitchboardError } from '../errors/index.ts';
import { type Outcome, isStream } from '../runtime/dispatch.ts';
import type { CallInfo, CallObserver, StreamWatch } from '../runtime/observe.ts';
import { requestIdOf } from './request-id.ts';

export interface TracingOptions {
  /** The tracer's name (default `switchboard`). */
  name?: string;
}

/** A call observer making one span per call through the global tracer provider. */
export async function openTelemetry(options: TracingOptions = {}): Promise<CallObserver> {
  let otel: typeof import('@opentelemetry/api');
  try {
    otel = await import('@opentelemetry/api');
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') throw err;
    throw new Error('Tracing needs the @opentelemetry/api package (and an SDK): npm install @opentelemetry/api');
  }
  const { context, propagation, trace, SpanKind, SpanStatusCode } = otel;
  const tracer: Tracer = trace.getTracer(options.name ?? 'switchboard');
  return (call) => {
    const req = call.request;
    // The caller's trace context (W3C `traceparent`/`tracestate`, or whatever propagator is
    // registered), else whatever is active (an HTTP instrumentation's span).
    const parent = propagation.extract(context.active(), req, { get: (r, key) => r.header(key), keys: () => [] });
    const span: Span = tracer.startSpan(spanName(call), { kind: SpanKind.SERVER, attributes: attributesOf(call) }, parent);
    const active = trace.setSpan(parent, span);
    const http = call.protocol === 'rest' || req.method !== 'WS';
    let items = 0;
    let open = true;
    const finish = (error: SwitchboardError | undefined): void => {
      if (!open) return;
      open = false;
      if (error) {
        span.setAttribute('error.type', error.code);
        // Client faults are the caller's; only Server faults mark a server span as failed.
        if (!error.isClient) span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
      }
      span.end();
    };
    const end = (outcome: Outcome): void => {
      if (http) span.setAttribute('http.response.status_code', outcome.ok ? 200 : outcome.error.status);
      // A stream's span lasts as long as the stream, with an event per item delivered.
      if (outcome.ok && isStream(outcome.value)) return;
      finish(outcome.ok ? undefined : outcome.error);
    };
    const stream: StreamWatch = {
      item: () => {
        items++;
        span.addEvent('stream.item', { 'switchboard.stream.item': items });
      },
      end: (error) => {
        span.setAttribute('switchboard.stream.items', items);
        finish(error);
      },
    };
    return Object.assign(end, { within: <T>(run: () => T): T => context.with(active, run), stream });
  };
}

/** `GET item.get` for REST (HTTP), `shop.item/get` for RPC; for a refused call what it asked, or the protocol. */
function spanName(call: CallInfo): string {
  const rest = call.protocol === 'rest';
  if (call.name === '') return rest ? call.request.method : `${call.protocol} ${call.asked ?? ''}`.trimEnd();
  if (rest) return `${call.request.method} ${call.name}`;
  const dot = call.name.lastIndexOf('.');
  return `${dot < 0 ? call.api : `${call.api}.${call.name.slice(0, dot)}`}/${call.name.slice(dot + 1)}`;
}

/** The semantic conventions' HTTP server or RPC attributes, and Switchboard's own. */
function attributesOf(call: CallInfo): Record<string, string> {
  const req = call.request;
  const dot = call.name.lastIndexOf('.');
  const attributes: Record<string, string> =
    call.protocol === 'rest' ? { 'http.request.method': req.method, 'url.path': req.path } : { 'rpc.system': call.protocol };
  if (call.protocol !== 'rest') {
    if (call.name !== '') {
      attributes['rpc.service'] = dot < 0 ? call.api : `${call.api}.${call.name.slice(0, dot)}`;
      attributes['rpc.method'] = call.name.slice(dot + 1);
    }
    if (req.method !== 'WS') attributes['http.request.method'] = req.method;
  }
  if (call.protocol === 'jsonrpc') attributes['rpc.jsonrpc.version'] = '2.0';
  const id = requestIdOf(req);
  if (id) attributes['switchboard.request_id'] = id;
  if (call.name !== '') attributes['switchboard.function'] = call.name;
  else if (call.asked !== undefined) attributes['switchboard.asked'] = call.asked;
  return attributes;
}
