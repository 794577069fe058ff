export { WebsocketServer, type WebsocketOptions } from './server.ts';
export { attachWebsocket } from './attach.ts';
export { Connection, type BufferLimits } from './connection.ts';
export { ConnectionRequest } from './request.ts';
export { jsonPayload, msgpackPayload, JsonText, FrameEncodingError, type Payload, type Frame } from '../../protocols/wsrpc/index.ts';
