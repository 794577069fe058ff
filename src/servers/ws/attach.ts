/** The WebSocket interface beside a running node:http server from `serve()`. */
import type { Running } from '../node/server.ts';
import { WebsocketServer, type WebsocketOptions } from './server.ts';

/**
 * Serves `ws://host/<webpath>` on the same port as `running`. Close it before the HTTP server:
 * `await ws.close(); await running.close();`.
 */
export function attachWebsocket(running: Running, options: WebsocketOptions = {}): WebsocketServer {
  return new WebsocketServer(running.app, options).attach(running.server.backend);
}
