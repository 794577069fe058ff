/**
 * The node:http adapter: the default backend. `serve()` starts one; `NodeServer` is the
 * seed-000 contract over `http.Server` for those who bring their own.
 */
import { type IncomingMessage, type ServerResponse, createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Apis, isApis } from '../../api/api.ts';
import { type App, createApp } from '../../protocols/app.ts';
import type { SbResponse } from '../../runtime/http.ts';
import { type Logger, Server } from '../server.ts';
import { requestIdOf } from '../../protocols/request-id.ts';
import { listenOn } from './listen.ts';
import type { NodeServerOptions, ServeOptions, Serving } from './options.ts';
import { readSmallBody, smallBody } from './body.ts';
import { NodeRequest } from './request.ts';
import { DEFAULT_SEND_TIMEOUT, writeResponse } from './write.ts';

const RESOLVED = Promise.resolve();

export type { NodeServerOptions, ServeOptions, Serving } from './options.ts';

export class NodeServer extends Server<HttpServer, [IncomingMessage, ServerResponse], void> {
  readonly backend: HttpServer;
  private readonly logger: Logger | undefined;
  private readonly sendTimeout: number;
  /** Set by `close()`: answers then close their connection, so keep-alive cannot hold the stop. */
  private closing = false;

  constructor(app: App, options: NodeServerOptions = {}) {
    super(app);
    this.logger = options.logger;
    this.sendTimeout = options.sendTimeout ?? DEFAULT_SEND_TIMEOUT;
    this.backend = this.createBackend();
  }

  get hostloc(): string {
    const a = this.backend.address() as AddressInfo | null;
    if (!a) return '';
    return a.family === 'IPv6' ? `[${a.address}]:${a.port}` : `${a.address}:${a.port}`;
  }

  createBackend(): HttpServer {
    return createServer({ keepAliveTimeout: 5000 }, (req, res) => this.handleRequest(req, res));
  }

  createRequest(req: IncomingMessage, res: ServerResponse): NodeRequest {
    return new NodeRequest(req, res);
  }

  handleRequest(req: IncomingMessage, res: ServerResponse): void {
    const sreq = this.createRequest(req, res);
    if (this.logger) this.logLine(sreq, res);
    // A small body is read first: the app then answers it in one go, outside node's parser.
    if (smallBody(req)) {
      readSmallBody(req, (bytes) => {
        if (bytes === undefined) sreq.bodyEnded = true;
        else sreq.bodyNow = bytes;
        this.answer(sreq, res, false);
      });
      return;
    }
    this.answer(sreq, res, true);
  }

  /** Asks the app and writes its answer; `inParser`: called from node's HTTP parser callback. */
  private answer(sreq: NodeRequest, res: ServerResponse, inParser: boolean): void {
    let out: SbResponse | Promise<SbResponse>;
    try {
      out = this.app.handle(sreq);
    } catch (err) {
      this.fail(res, err);
      return;
    }
    if (out instanceof Promise) {
      out.then(
        (r) => this.write(res, r, sreq),
        (err) => this.fail(res, err),
      );
    } else if (!inParser) {
      this.write(res, out, sreq);
    } else {
      // Answer a microtask later, not from inside node's HTTP parser callback: measured cheaper
      // per request (node then writes outside the parser's own bookkeeping), as Fastify does.
      // A promise reaction, not `queueMicrotask`: node wraps the latter (~50 ns more a request).
      const r = out;
      RESOLVED.then(() => this.write(res, r, sreq));
    }
  }

  /** Writes an answer; a throw (say, a header node refuses) becomes a 500, never a crash. */
  private write(res: ServerResponse, out: SbResponse, req: NodeRequest): void {
    try {
      writeResponse(res, out, req.bodyRefused || this.closing, this.sendTimeout);
    } catch (err) {
      this.fail(res, err);
    }
  }

  private fail(res: ServerResponse, err: unknown): void {
    this.logger?.error({ err }, 'unhandled error while answering');
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
    res.end();
  }

  private logLine(req: NodeRequest, res: ServerResponse): void {
    const start = performance.now();
    const logger = this.logger!;
    res.once('finish', () => {
      const reqId = requestIdOf(req);
      logger.info({ reqId, method: req.method, url: req.raw.url, status: res.statusCode, ms: Math.round((performance.now() - start) * 100) / 100 }, 'request');
    });
  }

  /** Starts listening; resolves once bound. */
  listen(port: number, host: string): Promise<this> {
    return listenOn(this.backend, port, host).then(() => this);
  }

  /**
   * Stops accepting connections, lets in-flight requests finish for up to `graceMs`, then
   * closes whatever is left.
   */
  close(graceMs = 5000): Promise<void> {
    this.closing = true;
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.backend.closeAllConnections(), graceMs);
      timer.unref();
      this.backend.close(() => {
        clearTimeout(timer);
        resolve();
      });
      this.backend.closeIdleConnections();
    });
  }
}

/** A running node:http server: `Serving` with the adapter (`server.backend` is the `http.Server`). */
export interface Running extends Serving {
  readonly server: NodeServer;
}

/** Serves a root (or a built app) on node:http. */
export async function serve(rootOrApp: Apis | App, options: ServeOptions = {}): Promise<Running> {
  const logger = options.logger;
  const app = isApis(rootOrApp)
    ? createApp(rootOrApp, { onServerError: logger ? (err) => logger.error({ err: err.cause ?? err }, err.message) : undefined, ...options })
    : rootOrApp;
  const server = new NodeServer(app, options);
  const port = options.port ?? envPort(process.env.PORT) ?? 8080;
  const host = options.host ?? (process.env.HOST || '127.0.0.1');
  await server.listen(port, host);
  return { server, app, url: `http://${server.hostloc}`, close: closing(server, isApis(rootOrApp) ? app : undefined) };
}

/**
 * A `Running.close`: the app's held streams end first (an app `serve` built is its own to
 * close), then the server stops within the grace period.
 */
export function closing(server: { close(graceMs?: number): Promise<void> }, ownApp: App | undefined): (graceMs?: number) => Promise<void> {
  return (graceMs) => {
    ownApp?.close();
    return server.close(graceMs);
  };
}

/** `PORT` from the environment: unset or empty → undefined; anything but a port is an error. */
function envPort(text: string | undefined): number | undefined {
  if (text === undefined || text === '') return undefined;
  const port = Number(text);
  if (!/^\d{1,5}$/.test(text) || port > 65535) throw new RangeError(`PORT must be a number from 0 to 65535, not "${text}"`);
  return port;
}
