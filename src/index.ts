/**
 * Switchboard: declare a service once — typed arguments, typed result — and serve it to every
 * client that may call it.
 */
export * from './errors/index.ts';
export { t, type Static, type TSchema } from './schema/types.ts';
export * from './api/index.ts';
export { compileApi, call, type Carrier, type Api, type FunctionEntry, type SbRequest, type SbResponse, type Call, type Outcome } from './runtime/index.ts';
export { tagEvent, eventIdOf } from './runtime/events.ts';
export { createApp, DEFAULT_BODY_LIMIT, type App, type AppOptions } from './protocols/app.ts';
export type { Protocol, BoundProtocol, BindEnv } from './protocols/protocol.ts';
export { restProtocol as rest, type RestProtocol } from './protocols/rest/protocol.ts';
export type { RestFormat } from './protocols/rest/format.ts';
export { restjson, jsonFormat, restFaults, type RestFault, type RestJsonOptions } from './protocols/restjson/index.ts';
export { restxml, xmlFormat, type RestXmlOptions } from './protocols/restxml/index.ts';
export { soap, soapFaults, type SoapFault, type SoapOptions } from './protocols/soap/index.ts';
export { extdirect, extDirectFaults, type ExtDirectFault, type ExtDirectOptions, type ParamsNotation } from './protocols/extdirect/index.ts';
export { jsonrpc, jsonRpcFaults, JsonRpcEngine, type JsonRpcFault, type JsonRpcOptions } from './protocols/jsonrpc/index.ts';
export { Server, type Logger } from './servers/server.ts';
// Node-free types here (a consumer without @types/node can import the root); NodeServer and
// `Running.server` are in 'switchboard/node'.
export { serve } from './servers/node/serve.ts';
export type { ServeOptions, Serving, Serving as Running } from './servers/node/options.ts';
export { wsRpcFaults, type WsRpcFault } from './protocols/wsrpc/index.ts';
export { Broadcast, Subscription, bindStream, type BroadcastOptions, type SubscribeOptions } from './runtime/broadcast.ts';
export { encodeItem, type StreamFormat } from './runtime/shared-frames.ts';
export { StreamBudget, DEFAULT_STREAM_LIMITS, type StreamLimits } from './runtime/stream-limits.ts';
export {
  edlApi,
  compileEdl,
  compileEdlFiles,
  edlModel,
  bindHandlers,
  emitTypeScript,
  formatCompiled,
  EdlError,
  EDL_DIAGNOSTICS,
  type EdlApiOptions,
  type EdlHandlers,
  type Compiled,
  type Diagnostic,
} from './idl/index.ts';
export { loadEdlApi, memoryStorage, type EdlStorage, type EdlStores, type LoadedEdl } from './idl/index.ts';
export * from './runtime/auth/index.ts';
export { openapi, openApiDocument, openApiYaml, OPENAPI_VERSION, type OpenApiOptions } from './protocols/openapi/index.ts';
export { asyncapi, asyncApiDocument, ASYNCAPI_VERSION, type AsyncApiOptions } from './protocols/asyncapi/index.ts';
export { explorer, explorerEnabled, explorerDescription, EXPLORER_PATH } from './explorer/index.ts';
export { defaultProtocols } from './protocols/defaults.ts';
export * from './resources/index.ts';
export { fromStandard, isStandardSchema, type StandardSchemaV1, type FromStandardOptions } from './schema/standard.ts';
export type { CorsOptions } from './protocols/cors.ts';
export type { CallObserver, CallInfo, CallEnd } from './runtime/observe.ts';
export { callLog, type CallLogger } from './protocols/call-log.ts';
export { requestIdOf } from './protocols/request-id.ts';
export { Health, type HealthOptions, type ReadyCheck } from './protocols/health.ts';
export { openTelemetry, type TracingOptions } from './protocols/tracing.ts';
export { Metrics, type MetricsOptions } from './protocols/metrics.ts';
