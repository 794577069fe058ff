export { jsonrpc, JSONRPC_ENDPOINT, DEFAULT_MAX_BATCH, type JsonRpcOptions } from './jsonrpc.ts';
export { JsonRpcEngine, type EngineOptions, type RpcAnswer } from './engine.ts';
export type { Words, CallHost, RpcMethod, Answer } from './host.ts';
export { textWords } from './text.ts';
export { openRpcDocument, OPENRPC_VERSION } from './openrpc.ts';
export { jsonRpcFaults, type JsonRpcFault } from './faults.ts';
