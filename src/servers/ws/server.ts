/**
 * The WebSocket interface (seed 000's `BaseWebsocketServer`) on node:http with `ws`. Every
 * function of the app is callable at the root webpath (`ws://host/ws`) in the RPC frame form,
 * the seed's own form, or JSON-RPC 2.0 (subprotocol `jsonrpc`); the payload is chosen per
 * connection by subprotocol (`json` by default, `msgpack`). The five hooks are methods to
 * override; see `docs/websocket.md`.
 */
import { type IncomingMessage, STATUS_CODES, createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type WebSocket from 'ws';
import { WebSocketServer } from 'ws';
import { type SwitchboardError, sbError, toSwitchboardError } from '../../errors/index.ts';
import type { App } from '../../protocols/app.ts';
import { type SocketEndpoint, findSocket } from '../../protocols/socket.ts';
import { type Dialect, type SeedHooks, WsrpcEndpoint, type WsrpcOptions } from '../../protocols/wsrpc/endpoint.ts';
import { faultBody } from '../../protocols/wsrpc/frames.ts';
import { msgpackPayload } from '../../protocols/wsrpc/msgpack.ts';
import { type Frame, FrameEncodingError, type Payload, jsonPayload } from '../../protocols/wsrpc/payload.ts';
import type { ConnectionInfo } from '../../protocols/wsrpc/requests.ts';
import { type SeedFrame, SeedRequest, seedResponseFrame } from '../../protocols/wsrpc/seed.ts';
import type { SbRequest, SbResponse } from '../../runtime/http.ts';
import { type Logger, Server } from '../server.ts';
import { Connection } from './connection.ts';
import { ConnectionRequest } from './request.ts';
import { listenOn } from '../node/listen.ts';
import { OriginCheck } from './origins.ts';

export interface WebsocketOptions extends WsrpcOptions {
  /** Largest incoming message in bytes; a larger one closes the socket with 1009 (default 1 MiB). */
  maxPayload?: number;
  /** Milliseconds between pings; a peer that has not answered the previous one is cut off (default 30 000; 0: never). */
  pingInterval?: number;
  /** Bytes queued for a client above which its frames are no longer read and its streams wait (default 1 MiB). */
  highWaterMark?: number;
  /** Bytes queued for a client above which it is cut off (default 16 MiB). */
  hardLimit?: number;
  /** Payloads by subprotocol name (default `[jsonPayload, msgpackPayload]`); the first is used when the client names none. */
  payloads?: readonly Payload[];
  /** The socket's path (default: the mount + the root webpath, e.g. `/ws`; `/` when there is none). */
  path?: string;
  /**
   * The path the host mounted the app under — Express's mount path, the Fastify plugin's
   * prefix — `''` by default: every API's socket and the socket protocols' (the Channels
   * socket at `<base>/channels`) answer below it, as the app's HTTP routes do.
   */
  mount?: string;
  /** Told of socket errors and Server faults. */
  logger?: Logger;
  /**
   * Origins (`https://app.example.com`) whose pages may open a socket; a browser handshake
   * from any other is refused with 403. The server's own origin (its `Host`) and clients that
   * send no `Origin` (not browsers) are always let in. Default: unset, every origin connects.
   */
  allowedOrigins?: readonly string[];
}

/** How a connection speaks: its payload and frame dialect. */
interface Speech {
  readonly payload: Payload;
  readonly dialect: Dialect;
}

const MiB = 1024 * 1024;

export class WebsocketServer extends Server<WebSocketServer, [IncomingMessage, Duplex, Buffer]> {
  readonly backend: WebSocketServer;
  /** The message protocol of the first API's connections, compiled once. */
  readonly endpoint: WsrpcEndpoint;
  /** One endpoint per API, by its socket path (the API's base path; `path` for the first when given). */
  private readonly endpoints = new Map<string, WsrpcEndpoint>();
  /** Open connections. */
  readonly connections = new Set<Connection>();
  readonly path: string;
  /** The host's mount path, without a trailing slash (`''`: none). */
  readonly mount: string;
  private readonly options: WebsocketOptions;
  private readonly speeches = new Map<string, Speech>();
  private readonly fallback: Speech;
  private readonly logger: Logger | undefined;
  private readonly origins: OriginCheck;
  private http: HttpServer | undefined;
  private ownHttp = false;
  private heartbeat: NodeJS.Timeout | undefined;
  private closing = false;
  private readonly onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => this.handleRequest(req, socket, head);

  constructor(app: App, options: WebsocketOptions = {}) {
    super(app);
    this.options = options;
    this.logger = options.logger;
    this.origins = new OriginCheck(options.allowedOrigins);
    this.mount = (options.mount ?? '').replace(/\/+$/, '');
    this.path = options.path ?? (`${this.mount}${app.api.webpath}` || '/');
    const payloads = options.payloads ?? [jsonPayload, msgpackPayload];
    for (const payload of payloads) this.speeches.set(payload.name, { payload, dialect: 'wsrpc' });
    if (!this.speeches.has('jsonrpc')) this.speeches.set('jsonrpc', { payload: jsonPayload, dialect: 'jsonrpc' });
    this.fallback = { payload: payloads[0] ?? jsonPayload, dialect: 'wsrpc' };
    const logger = this.logger;
    const endpointOptions = {
      maxInFlight: options.maxInFlight,
      onServerError: options.onServerError ?? (logger ? (err: SwitchboardError) => logger.error({ err: err.cause ?? err }, err.message) : undefined),
    };
    const hooks: SeedHooks = {
      createRequest: (conn, frame) => this.createWebsocketRequest(conn, frame),
      createResponseBody: (req, res, uuid) => this.createWebsocketResponseBody(req, res, uuid),
    };
    // Each API's functions answer at its own base path; the first API's at `path` when given.
    for (const [i, api] of app.apis.entries()) {
      const at = i === 0 ? this.path : `${this.mount}${api.webpath}` || '/';
      if (!this.endpoints.has(at)) this.endpoints.set(at, new WsrpcEndpoint(app, endpointOptions, hooks, api));
    }
    this.endpoint = this.endpoints.get(this.path)!;
    this.backend = this.createBackend();
  }

  get hostloc(): string {
    const a = this.http?.address() as AddressInfo | null | undefined;
    if (!a) return '';
    return a.family === 'IPv6' ? `[${a.address}]:${a.port}` : `${a.address}:${a.port}`;
  }

  createBackend(): WebSocketServer {
    return new WebSocketServer({
      noServer: true,
      clientTracking: false,
      perMessageDeflate: false,
      maxPayload: this.options.maxPayload ?? MiB,
      handleProtocols: (offered) => {
        for (const name of offered) if (this.speeches.has(name)) return name;
        return false;
      },
    });
  }

  createRequest(req: IncomingMessage): ConnectionRequest {
    return new ConnectionRequest(req);
  }

  /** Answers an HTTP upgrade: the path, `connectWebsocketCall`, then the WebSocket handshake. */
  handleRequest(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const onError = (err: Error) => this.logger?.error({ err }, 'socket error during the handshake');
    socket.on('error', onError);
    const q = (req.url ?? '/').indexOf('?');
    const path = q === -1 ? (req.url ?? '/') : req.url!.slice(0, q);
    if (this.closing) {
      refuse(socket, 503, 'The server is shutting down');
      return;
    }
    const { endpoint, socket: socket_ } = this.route(path);
    if (!endpoint && !socket_) {
      refuse(socket, 404, `No WebSocket at ${path}`);
      return;
    }
    const origin = req.headers.origin;
    if (!this.origins.allows(origin, req.headers.host)) {
      const e = sbError('SB_FORBIDDEN', { reason: `the origin ${origin} may not open a socket here` });
      refuse(socket, 403, JSON.stringify(faultBody(e, false)));
      return;
    }
    const missing = this.unavailablePayload(req);
    if (missing) {
      refuse(socket, 501, missing);
      return;
    }
    const accept = (conn: ConnectionRequest) => {
      if (this.closing || socket.destroyed) return refuse(socket, 503, 'The server is shutting down');
      this.backend.handleUpgrade(req, socket, head, (ws) => {
        socket.off('error', onError);
        this.accept(ws, socket, conn, endpoint ?? socket_!);
      });
    };
    const fail = (err: unknown) => {
      const e = toSwitchboardError(err);
      if (!e.isClient) this.logger?.error({ err: e.cause ?? e }, 'the WebSocket handshake failed');
      refuse(socket, e.status, JSON.stringify(faultBody(e, this.app.api.debug)), e.challenge);
    };
    // The API's steps judge the handshake too (a bearer token no call would accept: 401 here).
    const judged = (conn: ConnectionRequest) => {
      const out = endpoint ? endpoint.handshake(conn) : socket_?.endpoint.handshake?.(conn);
      if (out instanceof Promise) out.then(() => accept(conn), fail);
      else accept(conn);
    };
    try {
      const conn = this.connectWebsocketCall(req);
      if (conn instanceof Promise) conn.then(judged).catch(fail);
      else judged(conn);
    } catch (err) {
      fail(err);
    }
  }

  /** The API endpoint or the socket protocol's endpoint answering `path`, if any. */
  private route(path: string): { endpoint?: WsrpcEndpoint; socket?: { endpoint: SocketEndpoint; rest: string } } {
    const endpoint = this.endpoints.get(path) ?? (path.length > 1 && path.endsWith('/') ? this.endpoints.get(path.slice(0, -1)) : undefined);
    if (endpoint) return { endpoint };
    const m = this.mount;
    const below = m === '' ? path : path.startsWith(`${m}/`) ? path.slice(m.length) : undefined;
    return { socket: below === undefined ? undefined : findSocket(this.app.sockets, below) };
  }

  /** True when an upgrade to `path` is this server's to answer (a host with other sockets asks). */
  answers(path: string): boolean {
    const r = this.route(path);
    return r.endpoint !== undefined || r.socket !== undefined;
  }

  /** Why the payload the client asks for (the first offered one this server knows) cannot be used, if it cannot. */
  private unavailablePayload(req: IncomingMessage): string | undefined {
    const offered = req.headers['sec-websocket-protocol'];
    if (!offered) return undefined;
    for (const name of offered.split(',')) {
      const speech = this.speeches.get(name.trim());
      if (speech) return speech.payload.unavailable?.();
    }
    return undefined;
  }

  private accept(ws: WebSocket, socket: Duplex, conn: ConnectionRequest, endpoint: WsrpcEndpoint | { endpoint: SocketEndpoint; rest: string }): void {
    const speech = (ws.protocol && this.speeches.get(ws.protocol)) || this.fallback;
    const c = new Connection(ws, socket, conn, speech.payload, {
      highWaterMark: this.options.highWaterMark ?? MiB,
      hardLimit: this.options.hardLimit ?? 16 * MiB,
      onError: (err) => this.logger?.error({ err }, 'a frame could not be written'),
    });
    c.session = endpoint instanceof WsrpcEndpoint ? endpoint.session(conn, c, speech.dialect) : endpoint.endpoint.open(conn, c, endpoint.rest);
    this.connections.add(c);
    ws.on('message', (data, isBinary) => {
      try {
        this.createWebsocketCall(c, toBytes(data), isBinary);
      } catch (err) {
        this.logger?.error({ err }, 'createWebsocketCall failed');
      }
    });
    ws.on('pong', () => {
      c.alive = true;
    });
    // Every socket error is handled here; `ws` closes the socket after emitting it.
    ws.on('error', (err) => this.socketError(err));
    ws.once('close', () => {
      this.connections.delete(c);
      c.closed();
      c.session.close();
      conn.disconnected();
      try {
        this.disconnectWebsocketCall(c);
      } catch (err) {
        this.logger?.error({ err }, 'disconnectWebsocketCall failed');
      }
    });
    if (this.heartbeat === undefined) this.startHeartbeat();
    if (this.closing) ws.close(1001, 'Server shutting down');
  }

  /**
   * A socket's error. A frame the client got wrong (`ws` codes them `WS_ERR_…`: not masked,
   * not UTF-8, too large…) is the client's mistake: one warning line, no stack. Anything else
   * is logged as an error.
   */
  private socketError(err: Error & { code?: unknown }): void {
    const logger = this.logger;
    if (!logger) return;
    if (typeof err.code === 'string' && err.code.startsWith('WS_ERR_')) {
      const line = { code: err.code };
      const msg = `websocket protocol error from the client: ${err.message}`;
      if (logger.warn) logger.warn(line, msg);
      else logger.info(line, msg);
    } else logger.error({ err }, 'websocket error');
  }

  /**
   * Hook: the handshake. Builds the connection's request, whose headers every call on the
   * socket sees. Throw (or reject with) a `ClientError` to refuse the connection with its status.
   */
  connectWebsocketCall(req: IncomingMessage): ConnectionRequest | Promise<ConnectionRequest> {
    const conn = this.createRequest(req);
    conn.uuid = conn.header('x-uuid') ?? conn.header('sec-websocket-key');
    return conn;
  }

  /** Hook: one incoming message. Reads it with the connection's payload and hands it to its session. */
  createWebsocketCall(conn: Connection, data: Uint8Array, isBinary: boolean): void {
    let msg: unknown;
    try {
      msg = conn.payload.loads(data, isBinary);
    } catch (err) {
      if (err instanceof FrameEncodingError) conn.ws.close(1007, 'Invalid frame encoding');
      else conn.session.unreadable(sbError('SB_INVALID_FRAME', { reason: `not valid ${conn.payload.name}` }));
      return;
    }
    conn.session.receive(msg);
  }

  /** Hook: the HTTP request of a seed-form frame (`{"uuid", "method", "path", "headers", "body"}`). */
  createWebsocketRequest(conn: ConnectionInfo, frame: SeedFrame): SbRequest {
    return new SeedRequest(conn, frame);
  }

  /** Hook: the frame answering a seed-form call (`{"uuid", "path", "code", "body"}`). */
  createWebsocketResponseBody(req: SbRequest, res: SbResponse, uuid: string | undefined): Frame | Promise<Frame> {
    return seedResponseFrame(req, res, uuid);
  }

  /** Hook: the socket closed (its calls are already cancelled and its streams closed). */
  disconnectWebsocketCall(_conn: Connection): void {}

  private startHeartbeat(): void {
    const interval = this.options.pingInterval ?? 30_000;
    if (interval <= 0) return;
    this.heartbeat = setInterval(() => {
      for (const c of this.connections) {
        if (!c.alive) {
          c.ws.terminate();
          continue;
        }
        c.alive = false;
        c.ws.ping();
      }
    }, interval);
    this.heartbeat.unref();
  }

  /** Serves the socket on an existing node:http server (e.g. `running.server.backend` from `serve()`). */
  attach(server: HttpServer): this {
    this.http = server;
    server.on('upgrade', this.onUpgrade);
    return this;
  }

  /** Serves the socket on a node:http server of its own; plain HTTP requests get 426. */
  listen(port: number, host: string): Promise<this> {
    const server = createServer((_req, res) => {
      res.writeHead(426, { 'content-type': 'text/plain', upgrade: 'websocket' });
      res.end('Upgrade Required');
    });
    this.ownHttp = true;
    this.attach(server);
    return listenOn(server, port, host).then(() => this);
  }

  /**
   * Shuts down: refuses new sockets (503), closes open ones with 1001 (going away), and cuts
   * off those still open after `graceMs`. Call it before closing the HTTP server it is attached to.
   */
  async close(graceMs = 1000): Promise<void> {
    this.closing = true;
    clearInterval(this.heartbeat);
    const open = [...this.connections];
    await new Promise<void>((resolve) => {
      let left = open.length;
      if (left === 0) return resolve();
      const timer = setTimeout(() => {
        for (const c of this.connections) c.ws.terminate();
      }, graceMs);
      timer.unref();
      for (const c of open) {
        c.ws.once('close', () => {
          if (--left === 0) {
            clearTimeout(timer);
            resolve();
          }
        });
        c.ws.close(1001, 'Server shutting down');
      }
    });
    // Still attached: upgrades keep getting 503 until the HTTP server itself closes.
    if (this.ownHttp && this.http) {
      const http = this.http;
      await new Promise<void>((resolve) => http.close(() => resolve()));
    }
  }
}

function toBytes(data: WebSocket.RawData): Uint8Array {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return new Uint8Array(data);
}

/** Answers an upgrade with a plain HTTP error (and its `WWW-Authenticate` challenge, if any) and closes the socket. */
function refuse(socket: Duplex, status: number, body: string, challenge?: string): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const type = body.startsWith('{') ? 'application/json' : 'text/plain';
  // The challenge is built from a token's error description with quotes taken out; no CR or LF either.
  const auth = challenge === undefined ? '' : `WWW-Authenticate: ${challenge.replace(/[\r\n]/g, ' ')}\r\n`;
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nConnection: close\r\n${auth}Content-Type: ${type}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
