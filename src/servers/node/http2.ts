/**
 * node:http2: h2c (cleartext) or HTTP/2 over TLS, on http2's core stream API rather than its
 * node:http compatibility layer. Over TLS, `allowHTTP1` lets HTTP/1.1 clients in too; they are
 * answered through the node:http path.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type Http2SecureServer,
  type Http2Server as H2Backend,
  type Http2Session,
  type IncomingHttpHeaders,
  type SecureServerOptions,
  type ServerHttp2Stream,
  constants,
  createSecureServer,
  createServer,
} from 'node:http2';
import type { AddressInfo } from 'node:net';
import { type Apis, isApis } from '../../api/api.ts';
import { sbError } from '../../errors/index.ts';
import { type App, type AppOptions, createApp } from '../../protocols/app.ts';
import type { BodyChunk, SbRequest, SbResponse } from '../../runtime/http.ts';
import { type Logger, Server } from '../server.ts';
import { closing } from './server.ts';
import { readBody } from './body.ts';
import { listenOn } from './listen.ts';
import { NodeRequest } from './request.ts';
import { writeResponse } from './write.ts';

export interface Http2ServerOptions {
  /** HTTP/2 over TLS with these (`key`, `cert`…); without them, h2c (cleartext, prior knowledge). */
  tls?: Pick<SecureServerOptions, 'key' | 'cert' | 'ca' | 'pfx' | 'passphrase' | 'ciphers' | 'minVersion'>;
  /** Over TLS, also answer HTTP/1.1 clients (ALPN fallback). Default false. */
  allowHTTP1?: boolean;
  logger?: Logger;
}

/** `SbRequest` over one HTTP/2 stream. */
export class Http2Request implements SbRequest {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  /** Set when the body was refused unread: the stream is reset once the answer is sent. */
  bodyRefused = false;
  /** Set once `body()` was called. */
  bodyAsked = false;
  private controller: AbortController | undefined;

  constructor(
    readonly stream: ServerHttp2Stream,
    readonly headers: IncomingHttpHeaders,
    private readonly endStream: boolean,
  ) {
    this.method = headers[':method'] ?? 'GET';
    const url = headers[':path'] ?? '/';
    const q = url.indexOf('?');
    this.path = q === -1 ? url : url.slice(0, q);
    this.query = q === -1 ? '' : url.slice(q + 1);
  }

  /** HTTP/2 serves at the host's root: nothing in front of the path. */
  get mount(): string {
    return '';
  }

  header(name: string): string | undefined {
    // HTTP/2 carries the host as `:authority`; a `host` header is optional (RFC 9113 §8.3.1).
    const v = this.headers[name] ?? (name === 'host' ? this.headers[':authority'] : undefined);
    return Array.isArray(v) ? v.join(', ') : v;
  }

  get remoteAddress(): string | undefined {
    return this.stream.session?.socket?.remoteAddress;
  }

  get hasBody(): boolean {
    const len = this.headers['content-length'];
    if (len !== undefined) return len !== '0';
    return !this.endStream;
  }

  get signal(): AbortSignal {
    if (!this.controller) {
      const c = new AbortController();
      this.controller = c;
      const stream = this.stream;
      if (stream.destroyed) c.abort(new Error('client disconnected'));
      // A reset (or a dead session) marks the stream aborted; `writableFinished` cannot tell,
      // as node ends the writable side of a reset stream too.
      else stream.once('close', () => (stream.aborted || stream.rstCode !== constants.NGHTTP2_NO_ERROR) && c.abort(new Error('client disconnected')));
    }
    return this.controller.signal;
  }

  body(limit: number): Promise<Uint8Array> {
    const stream = this.stream;
    this.bodyAsked = true;
    if (Number(this.headers['content-length']) > limit) {
      this.bodyRefused = true;
      return Promise.reject(sbError('SB_BODY_TOO_LARGE', { limit }));
    }
    return readBody(stream, limit, () => {
      this.bodyRefused = true;
    });
  }
}

// Connection-specific headers are forbidden in HTTP/2 (RFC 9113 §8.2.2).
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade']);

/** Writes an `SbResponse` on an HTTP/2 stream; streamed bodies follow the stream's backpressure. */
export function writeHttp2Response(req: Http2Request, out: SbResponse): void {
  const stream = req.stream;
  if (stream.destroyed || stream.closed) return;
  const headers: Record<string, string | number> = { ':status': out.status };
  for (const name in out.headers) if (!HOP_BY_HOP.has(name)) headers[name] = out.headers[name];
  const body = out.body;
  const head = req.method === 'HEAD';
  // A body left unread (refused, or not needed for the answer) would hold the stream open and
  // its flow-control window: once the answer is out, ask the client to stop (RFC 9113 §8.1).
  // Unread data left in a paused stream would keep it from ever closing, so it is discarded.
  if (req.bodyRefused || (req.hasBody && !req.bodyAsked)) {
    stream.resume();
    stream.once('finish', () => stream.close(constants.NGHTTP2_NO_ERROR));
  }
  if (body === null || typeof body === 'string' || body instanceof Uint8Array) {
    headers['content-length'] = body === null ? 0 : typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
    if (head || body === null) {
      stream.respond(headers, { endStream: true });
      return;
    }
    stream.respond(headers);
    stream.end(body);
    return;
  }
  if (head) {
    void body[Symbol.asyncIterator]().return?.();
    stream.respond(headers, { endStream: true });
    return;
  }
  stream.respond(headers);
  void pump(stream, body);
}

async function pump(stream: ServerHttp2Stream, body: AsyncIterable<BodyChunk>): Promise<void> {
  const it = body[Symbol.asyncIterator]();
  let closed = false;
  const onClose = () => {
    closed = true;
    void it.return?.();
  };
  stream.once('close', onClose);
  try {
    while (!closed) {
      const step = await it.next();
      if (step.done || closed) break;
      if (!stream.write(step.value)) {
        await new Promise<void>((resolve) => {
          const done = () => {
            stream.off('drain', done);
            stream.off('close', done);
            resolve();
          };
          stream.once('drain', done);
          stream.once('close', done);
        });
      }
    }
  } catch {
    // The source failed mid-way; the status is sent already, so end the body.
  } finally {
    stream.off('close', onClose);
    if (!stream.writableEnded && !stream.destroyed) stream.end();
  }
}

type Backend = H2Backend | Http2SecureServer;

export class Http2Server extends Server<Backend, [ServerHttp2Stream, IncomingHttpHeaders, number]> {
  readonly backend: Backend;
  private readonly sessions = new Set<Http2Session>();

  constructor(
    app: App,
    private readonly options: Http2ServerOptions = {},
  ) {
    super(app);
    this.backend = this.createBackend();
  }

  get secure(): boolean {
    return this.options.tls !== undefined;
  }

  get hostloc(): string {
    const a = this.backend.address() as AddressInfo | null;
    if (!a) return '';
    return a.family === 'IPv6' ? `[${a.address}]:${a.port}` : `${a.address}:${a.port}`;
  }

  createBackend(): Backend {
    const o = this.options;
    const backend = o.tls ? createSecureServer({ ...o.tls, allowHTTP1: o.allowHTTP1 ?? false }) : createServer();
    backend.on('stream', (stream, headers, flags) => this.handleRequest(stream, headers, flags));
    backend.on('session', (session) => {
      this.sessions.add(session);
      session.once('close', () => this.sessions.delete(session));
      // A peer's protocol error must not take the process down.
      session.on('error', (err) => this.logger?.error({ err }, 'http2 session error'));
    });
    if (o.tls && o.allowHTTP1) {
      // Also fired for HTTP/2 streams by node's compatibility layer: those are answered above.
      backend.on('request', (req: IncomingMessage, res: ServerResponse) => {
        if (req.httpVersionMajor < 2) this.handleHttp1(req, res);
      });
    }
    return backend;
  }

  createRequest(stream: ServerHttp2Stream, headers: IncomingHttpHeaders, flags: number): Http2Request {
    return new Http2Request(stream, headers, (flags & constants.NGHTTP2_FLAG_END_STREAM) !== 0);
  }

  handleRequest(stream: ServerHttp2Stream, headers: IncomingHttpHeaders, flags: number): void {
    stream.on('error', (err) => this.logger?.error({ err }, 'http2 stream error'));
    const req = this.createRequest(stream, headers, flags);
    let out: SbResponse | Promise<SbResponse>;
    try {
      out = this.app.handle(req);
    } catch (err) {
      this.fail(req, err);
      return;
    }
    if (out instanceof Promise)
      out.then(
        (r) => this.write(req, r),
        (err) => this.fail(req, err),
      );
    else this.write(req, out);
  }

  /** A throw while writing (a header HTTP/2 refuses) is logged and answered 500, never unhandled. */
  private write(req: Http2Request, out: SbResponse): void {
    try {
      writeHttp2Response(req, out);
    } catch (err) {
      this.fail(req, err);
    }
  }

  private handleHttp1(req: IncomingMessage, res: ServerResponse): void {
    const sreq = new NodeRequest(req, res);
    Promise.resolve()
      .then(() => this.app.handle(sreq))
      .then((out) => writeResponse(res, out, sreq.bodyRefused))
      .catch((err) => {
        this.logger?.error({ err }, 'unhandled error while answering');
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
  }

  private fail(req: Http2Request, err: unknown): void {
    this.logger?.error({ err }, 'unhandled error while answering');
    const stream = req.stream;
    if (stream.destroyed || stream.closed) return;
    if (stream.headersSent) stream.close(constants.NGHTTP2_INTERNAL_ERROR);
    else stream.respond({ ':status': 500, 'content-length': 0 }, { endStream: true });
  }

  private get logger(): Logger | undefined {
    return this.options.logger;
  }

  listen(port: number, host: string): Promise<this> {
    return listenOn(this.backend, port, host).then(() => this);
  }

  /** Sends GOAWAY to every session, lets open streams finish for up to `graceMs`, then cuts. */
  close(graceMs = 5000): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        for (const s of this.sessions) s.destroy();
      }, graceMs);
      timer.unref();
      this.backend.close(() => {
        clearTimeout(timer);
        resolve();
      });
      for (const s of this.sessions) s.close();
    });
  }
}

export interface ServeHttp2Options extends AppOptions, Http2ServerOptions {
  /** Default 8443 with TLS, else 8080. Use 0 for any free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
}

export interface RunningHttp2 {
  readonly server: Http2Server;
  readonly app: App;
  /** `https://host:port` with TLS, else `http://host:port` (h2c: clients need prior knowledge). */
  readonly url: string;
  close(graceMs?: number): Promise<void>;
}

/** Serves a root (or a built app) on node:http2. */
export async function serveHttp2(rootOrApp: Apis | App, options: ServeHttp2Options = {}): Promise<RunningHttp2> {
  const app = isApis(rootOrApp) ? createApp(rootOrApp, options) : rootOrApp;
  const server = new Http2Server(app, options);
  await server.listen(options.port ?? (options.tls ? 8443 : 8080), options.host ?? '127.0.0.1');
  return { server, app, url: `${options.tls ? 'https' : 'http'}://${server.hostloc}`, close: closing(server, isApis(rootOrApp) ? app : undefined) };
}
