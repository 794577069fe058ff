/** The WebSocket interface beside a running node:http server from `serve()`. */
import type { Running, Serving } from '../node/server.ts';
import { WebsocketServer, type WebsocketOptions } from './server.ts';

/**
 * Serves `ws://host/<webpath>` on the same port as `running`. Close it before the HTTP server:
 * `await ws.close(); await running.close();`. Takes what either entry's `serve()` returns (the
 * root's is typed without node's types; it is the same node:http server).
 */
export function attachWebsocket(running: Serving, options: WebsocketOptions = {}): WebsocketServer {
  const server = (running as Partial<Running>).server;
  if (!server?.backend) throw new TypeError('attachWebsocket needs what serve() returned: a running node:http server');
  return new WebsocketServer(running.app, options).attach(server.backend);
}
