/**
 * Socket protocols: message protocols an app serves on WebSocket paths of their own below an
 * API's base path (the Channels socket at `<base>/channels`), beside the API's RPC socket at
 * the base path itself. The WebSocket server adapter hands each connection to the endpoint
 * whose path it asked for; the protocol never knows the socket library.
 */
import type { SwitchboardError } from '../errors/index.ts';
import type { Api } from '../runtime/compile.ts';
import type { BindEnv } from './protocol.ts';
import type { Transport } from './wsrpc/endpoint.ts';
import type { ConnectionInfo } from './wsrpc/requests.ts';

/** One connection's message handling. */
export interface SocketSession {
  /** One decoded incoming message. */
  receive(msg: unknown): void;
  /** A message that could not be decoded. */
  unreadable(err: SwitchboardError): void;
  /** The socket closed: cancel what runs, end what streams. */
  close(): void;
}

/** A socket protocol bound to one API. */
export interface SocketEndpoint {
  /** Its full path, e.g. `/polls/channels`. */
  readonly path: string;
  /** It also answers paths below it (`/polls/channels/question`). */
  readonly subpaths: boolean;
  /** A session for a connection to `path` (+ `/rest`, `rest` without slashes, or `''`). */
  open(conn: ConnectionInfo, transport: Transport, rest: string): SocketSession;
  /** Judges the handshake before the upgrade: throws (or rejects with) the error that refuses it. */
  handshake?(conn: ConnectionInfo): void | Promise<void>;
}

export interface SocketProtocol {
  readonly name: string;
  bind(api: Api, env: BindEnv): SocketEndpoint;
}

/** The endpoint (and the rest of the path) a socket path asks for. */
export function findSocket(endpoints: readonly SocketEndpoint[], path: string): { endpoint: SocketEndpoint; rest: string } | undefined {
  const p = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  for (const endpoint of endpoints) {
    if (p === endpoint.path) return { endpoint, rest: '' };
    if (endpoint.subpaths && p.startsWith(`${endpoint.path}/`)) return { endpoint, rest: p.slice(endpoint.path.length + 1) };
  }
  return undefined;
}
