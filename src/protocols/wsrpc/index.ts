export { WsrpcEndpoint, defaultSeedHooks, type Transport, type SeedHooks, type WsrpcOptions, type Dialect } from './endpoint.ts';
export { Session } from './session.ts';
export { type Payload, type Frame, JsonText, FrameEncodingError, jsonPayload, frameJson, frameValue } from './payload.ts';
export { msgpackPayload } from './msgpack.ts';
export { rpcFrames, faultBody, type FrameSet, type CallId } from './frames.ts';
export { jsonRpcFrames, jsonRpcWords } from './jsonrpc.ts';
export { SeedRequest, seedResponseFrame, type SeedFrame } from './seed.ts';
export { CallRequest, type ConnectionInfo, type Pending } from './requests.ts';
export { wsRpcFaults, type WsRpcFault } from './faults.ts';
