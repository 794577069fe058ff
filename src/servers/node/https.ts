/**
 * node:https: the node:http adapter over TLS. Everything but the backend is `NodeServer`'s;
 * the certificate is installed once the backend exists (`setSecureContext`).
 */
import type { Server as HttpServer } from 'node:http';
import { Server as HttpsBackend, type ServerOptions as TlsOptions, createServer } from 'node:https';
import { type Apis, isApis } from '../../api/api.ts';
import { type App, type AppOptions, createApp } from '../../protocols/app.ts';
import { NodeServer, type NodeServerOptions, type Running, closing } from './server.ts';

export interface HttpsServerOptions extends NodeServerOptions {
  /** Key and certificate (`key`, `cert`, optionally `ca`, `passphrase`, `pfx`…). */
  tls: Pick<TlsOptions, 'key' | 'cert' | 'ca' | 'pfx' | 'passphrase' | 'ciphers' | 'minVersion'>;
}

export class HttpsServer extends NodeServer {
  constructor(app: App, options: HttpsServerOptions) {
    super(app, options);
    if (this.backend instanceof HttpsBackend) this.backend.setSecureContext(options.tls);
  }

  override createBackend(): HttpServer {
    return createServer({ keepAliveTimeout: 5000 }, (req, res) => this.handleRequest(req, res));
  }
}

export interface ServeHttpsOptions extends AppOptions, HttpsServerOptions {
  /** Default 0 would be surprising for TLS: 8443. Use 0 for any free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
}

/** Serves a root (or a built app) on node:https; `url` is `https://host:port`. */
export async function serveHttps(rootOrApp: Apis | App, options: ServeHttpsOptions): Promise<Running> {
  const app = isApis(rootOrApp) ? createApp(rootOrApp, options) : rootOrApp;
  const server = new HttpsServer(app, options);
  await server.listen(options.port ?? 8443, options.host ?? '127.0.0.1');
  return { server, app, url: `https://${server.hostloc}`, close: closing(server, isApis(rootOrApp) ? app : undefined) };
}
