/**
 * The Channels socket bound to an API (`<base>/channels`): each function compiled once for
 * sockets (its decoder and encoder), and the API's resources — the controllers that have a
 * Channels action (`question` has `question.retrieve`, …).
 */
import type { SwitchboardError } from '../../errors/index.ts';
import type { Api } from '../../runtime/compile.ts';
import type { StreamBudget } from '../../runtime/stream-limits.ts';
import type { BindEnv } from '../protocol.ts';
import type { SocketEndpoint, SocketProtocol, SocketSession } from '../socket.ts';
import { CompiledFunction } from '../wsrpc/compiled.ts';
import type { Transport } from '../wsrpc/endpoint.ts';
import { HandshakeJudge } from '../wsrpc/handshake.ts';
import type { ConnectionInfo } from '../wsrpc/requests.ts';
import { ChannelsSession } from './session.ts';

export interface ChannelsOptions {
  /** The socket's path below the API's base path (default `channels`). */
  path?: string;
}

export class ChannelsEndpoint implements SocketEndpoint {
  readonly path: string;
  readonly subpaths = true;
  readonly functions: ReadonlyMap<string, CompiledFunction>;
  /** Resource names, and the plural spelling (a multiplexed `stream` may use either) to the name. */
  readonly resources: ReadonlyMap<string, string>;
  readonly debug: boolean;
  private readonly judge: HandshakeJudge;

  constructor(
    api: Api,
    path: string,
    readonly onServerError: ((err: SwitchboardError) => void) | undefined,
    /** The app's stream budget, which bounds each subscriber's queue in bytes. */
    readonly streams?: StreamBudget,
  ) {
    this.path = `${api.webpath}/${path}`;
    this.functions = new Map(api.functions.map((fn) => [fn.name, new CompiledFunction(fn, api.webpath)]));
    const resources = new Map<string, string>();
    for (const fn of api.functions) {
      if (fn.path.length < 2) continue;
      const name = fn.path.slice(0, -1).join('.');
      resources.set(name, name);
      const segment = fn.binding.path.split('/')[0];
      if (segment && !resources.has(segment)) resources.set(segment, name);
    }
    this.resources = resources;
    this.debug = api.debug;
    this.judge = new HandshakeJudge(api);
  }

  /** The API's steps judge the handshake, as at the API's own socket: a token no action would accept is refused (401). */
  handshake(conn: ConnectionInfo): void | Promise<void> {
    return this.judge.judge(conn);
  }

  open(conn: ConnectionInfo, transport: Transport, rest: string): SocketSession {
    return new ChannelsSession(this, conn, transport, rest === '' ? undefined : rest);
  }
}

/** The Channels socket protocol (see `docs/resources.md`): served by default at every API's `<base>/channels`. */
export function channels(options: ChannelsOptions = {}): SocketProtocol {
  const path = (options.path ?? 'channels').replace(/^\/+|\/+$/g, '');
  return {
    name: 'channels',
    bind: (api: Api, env: BindEnv) => new ChannelsEndpoint(api, path, env.onServerError, env.streams),
  };
}
