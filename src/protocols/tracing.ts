/**
 * OpenTelemetry: one span per call — batch members each their own — with the semantic
 * conventions' RPC and HTTP attributes (`rpc.system` = `soap`, `jsonrpc`, `extdirect`, `wsrpc`;
 * REST calls are HTTP server spans), a child of the caller's `traceparent` when it sent one.
 * `@opentelemetry/api` is an optional peer: `openTelemetry()` loads it and says so when it is
 * missing; the SDK the application registers decides where spans go.
 */
import type { Span, Tracer } from '@opentelemetry/api';
import type { CallObserver } from '../runtime/observe.ts';
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
  const { context, propagation, trace, SpanKind, SpanStatusCode, ROOT_CONTEXT } = otel;
  const tracer: Tracer = trace.getTracer(options.name ?? 'switchboard');
  return (call) => {
    const req = call.request;
    // The caller's trace context (W3C `traceparent`/`tracestate`, or whatever propagator is registered).
    const parent = propagation.extract(ROOT_CONTEXT, req, { get: (r, key) => r.header(key), keys: () => [] });
    const dot = call.name.lastIndexOf('.');
    const service = dot < 0 ? call.api : `${call.api}.${call.name.slice(0, dot)}`;
    const method = call.name.slice(dot + 1);
    const rest = call.protocol === 'rest';
    const attributes: Record<string, string> = rest
      ? { 'http.request.method': req.method, 'url.path': req.path }
      : { 'rpc.system': call.protocol, 'rpc.service': service, 'rpc.method': method };
    if (!rest && req.method !== 'WS') attributes['http.request.method'] = req.method;
    if (call.protocol === 'jsonrpc') attributes['rpc.jsonrpc.version'] = '2.0';
    const id = requestIdOf(req);
    if (id) attributes['switchboard.request_id'] = id;
    attributes['switchboard.function'] = call.name;
    const span: Span = tracer.startSpan(
      rest ? `${req.method} ${call.name}` : `${service}/${method}`,
      { kind: SpanKind.SERVER, attributes },
      parent ?? context.active(),
    );
    return (outcome) => {
      const status = outcome.ok ? 200 : outcome.error.status;
      if (rest || req.method !== 'WS') span.setAttribute('http.response.status_code', status);
      if (!outcome.ok) {
        span.setAttribute('error.type', outcome.error.code);
        // Client faults are the caller's; only Server faults mark a server span as failed.
        if (!outcome.error.isClient) span.setStatus({ code: SpanStatusCode.ERROR, message: outcome.error.message });
      }
      span.end();
    };
  };
}
