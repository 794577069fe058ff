/**
 * The WebSocket message protocol bound to an app: what every connection of it shares,
 * compiled once (each function's codecs by dotted name, the limits). It knows frames and
 * calls, never the socket library: a server adapter gives each connection a `Transport`.
 */
import { type SwitchboardError, sbError } from '../../errors/index.ts';
import type { SbRequest, SbResponse } from '../../runtime/http.ts';
import type { Api } from '../../runtime/compile.ts';
import type { StreamBudget } from '../../runtime/stream-limits.ts';
import type { App } from '../app.ts';
import { JsonRpcEngine } from '../jsonrpc/engine.ts';
import { CompiledFunction } from './compiled.ts';
import { jsonRpcWords } from './jsonrpc.ts';
import type { Frame } from './payload.ts';
import { HandshakeJudge } from './handshake.ts';
import type { ConnectionInfo } from './requests.ts';
import { type SeedFrame, SeedRequest, seedResponseFrame } from './seed.ts';
import { Session } from './session.ts';

/** How a session reaches its socket. */
export interface Transport {
  /** Sends one frame; a no-op once the socket is closed. */
  send(frame: Frame): void;
  /** A promise while the peer is not reading (backpressure), else undefined. */
  writable(): Promise<void> | undefined;
  /** False once the socket is closing or closed. */
  readonly open: boolean;
  /** Closes the socket with a WebSocket close code (e.g. 1008, policy violation). */
  close?(code: number, reason: string): void;
}

/** The seed form's two hooks (the adapter's `createWebsocketRequest`/`createWebsocketResponseBody`). */
export interface SeedHooks {
  createRequest(conn: ConnectionInfo, frame: SeedFrame): SbRequest;
  createResponseBody(req: SbRequest, res: SbResponse, uuid: string | undefined): Frame | Promise<Frame>;
}

export interface WsrpcOptions {
  /** Calls (and streams) in flight per socket; one more gets a 429 error frame (default 64). */
  maxInFlight?: number;
  /** Told of every Server fault. */
  onServerError?: (err: SwitchboardError) => void;
}

/** The frame forms a connection speaks: the RPC and seed forms, or JSON-RPC 2.0. */
export type Dialect = 'wsrpc' | 'jsonrpc';

export const defaultSeedHooks: SeedHooks = {
  createRequest: (conn, frame) => new SeedRequest(conn, frame),
  createResponseBody: (req, res, uuid) => seedResponseFrame(req, res, uuid),
};

export class WsrpcEndpoint {
  readonly functions: ReadonlyMap<string, CompiledFunction>;
  readonly maxInFlight: number;
  readonly debug: boolean;
  readonly onServerError: ((err: SwitchboardError) => void) | undefined;
  /** The app's stream budget: every stream of every socket is admitted through it. */
  readonly streams: StreamBudget;
  /** The one JSON-RPC engine, answering in frames, for connections of the `jsonrpc` dialect. */
  readonly jsonrpc: JsonRpcEngine<Frame>;
  /** The API's steps' judgement of a handshake (bearer auth's). */
  private readonly judge: HandshakeJudge;

  /**
   * Calls name the functions of `api` (the app's first unless told: one endpoint per API when an
   * app serves several); seed-form frames are HTTP requests, answered by the whole app.
   */
  constructor(
    readonly app: App,
    options: WsrpcOptions = {},
    readonly seed: SeedHooks = defaultSeedHooks,
    readonly api: Api = app.api,
  ) {
    this.functions = new Map(api.functions.map((fn) => [fn.name, new CompiledFunction(fn, api.webpath)]));
    this.judge = new HandshakeJudge(api);
    this.maxInFlight = options.maxInFlight ?? 64;
    this.streams = app.streams;
    this.debug = api.debug;
    this.onServerError = options.onServerError;
    this.jsonrpc = new JsonRpcEngine(api, {
      // The socket bounds a batch by its in-flight limit and its message size instead.
      maxBatch: Number.POSITIVE_INFINITY,
      onServerError: options.onServerError,
      transport: 'the WebSocket',
      streams: true,
      words: jsonRpcWords(this.debug),
      unknownMethod: (name) => sbError('SB_UNKNOWN_METHOD', { name }),
    });
  }

  /**
   * Judges a handshake by the API's steps: throws (or rejects with) the error that refuses the
   * socket, e.g. 401 for a bearer token that no function of the API would accept. Nothing to
   * do (undefined) when the API's steps have no handshake check.
   */
  handshake(conn: ConnectionInfo): void | Promise<void> {
    return this.judge.judge(conn);
  }

  /** The session of one connection. */
  session(conn: ConnectionInfo, transport: Transport, dialect: Dialect = 'wsrpc'): Session {
    return new Session(this, conn, transport, dialect);
  }
}
