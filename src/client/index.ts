/** `switchboard/client`: the typed client of an API, in Node and in the browser. */
export { client, closeClient, type ClientOptions } from './client.ts';
export { SwitchboardFault } from './fault.ts';
export type { CallOptions, ClientOf, Input, Members, Method, ResultOf, Wire } from './types.ts';
export type { WebSocketClass, WebSocketLike } from './ws.ts';
