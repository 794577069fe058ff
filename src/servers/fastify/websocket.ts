/**
 * The WebSocket interface inside the Fastify plugin: the same `WebsocketServer` as on
 * node:http, answering upgrades of the host's http server at the plugin's prefix + webpath.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { App } from '../../protocols/app.ts';
import { WebsocketServer, type WebsocketOptions } from '../ws/server.ts';

/**
 * Serves the app's sockets below the prefix — the API's at `<prefix><webpath>`, the Channels
 * socket at `<prefix><webpath>/channels` — on `instance.server` and closes them (sockets
 * get 1001) in Fastify's `preClose` hook, before the http server stops.
 * Upgrades on other paths are left to the host's other `upgrade` listeners; only when there is
 * none does the socket refuse them (404), so they are never left hanging.
 */
export function mountWebsocket(instance: FastifyInstance, app: App, options: WebsocketOptions = {}): WebsocketServer {
  const path = options.path ?? (`${instance.prefix}${app.api.webpath}` || '/');
  const wss = new WebsocketServer(app, { ...options, path, mount: options.mount ?? instance.prefix });
  const http = instance.server;
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const p = q === -1 ? url : url.slice(0, q);
    if (wss.answers(p) || http.listenerCount('upgrade') === 1) wss.handleRequest(req, socket, head);
  };
  http.on('upgrade', onUpgrade);
  // preClose, not onClose: open sockets would otherwise keep `server.close()` waiting.
  instance.addHook('preClose', async () => {
    await wss.close();
  });
  instance.addHook('onClose', async () => {
    http.off('upgrade', onUpgrade);
  });
  return wss;
}
