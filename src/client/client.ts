/**
 * The typed client: `client<typeof personsApi>('http://127.0.0.1:8080/ws')` is an object with a
 * method per function, named and typed from the server's own declaration — no code generation,
 * no casts. Calls go over REST+JSON by default, the WebSocket (`{ transport: 'ws' }`) or
 * JSON-RPC (`{ transport: 'jsonrpc' }`); faults are thrown as `SwitchboardFault`s. What a call
 * returns is awaited for a result or iterated (`for await`) for a stream.
 */
import { Int64Revival } from './int64.ts';
import { parseJson } from './json.ts';
import { JsonRpcTransport } from './jsonrpc.ts';
import { RestTransport } from './rest.ts';
import type { Transport } from './transport.ts';
import type { CallOptions, ClientOf } from './types.ts';
import { type WebSocketClass, WsTransport } from './ws.ts';

export interface ClientOptions {
  /** `rest` (REST+JSON, the default), `ws` (the WebSocket) or `jsonrpc` (JSON-RPC over HTTP). */
  readonly transport?: 'rest' | 'ws' | 'jsonrpc';
  /** Sent as `Authorization: Bearer <token>` (HTTP transports), as the handshake's `access_token` (the WebSocket). */
  readonly token?: string;
  /** Headers of every call (HTTP transports). */
  readonly headers?: Readonly<Record<string, string>>;
  /** The fetch to use (default: the platform's). */
  readonly fetch?: typeof fetch;
  /** The WebSocket class (default: the platform's; in Node 20, pass `ws`'s `WebSocket`). */
  readonly WebSocket?: WebSocketClass;
}

const transports = new WeakMap<object, Transport>();

/** A client of the API served at `baseUrl` (its base path: `http://host/ws`). */
export function client<D>(baseUrl: string, options: ClientOptions = {}): ClientOf<D> {
  const base = baseUrl.replace(/\/+$/, '');
  const headers = { ...options.headers, ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) };
  const fetcher = options.fetch ?? globalThis.fetch.bind(globalThis);
  let transport: Transport;
  if (options.transport === 'ws') {
    const Socket = options.WebSocket ?? (globalThis as { WebSocket?: WebSocketClass }).WebSocket;
    if (!Socket) throw new TypeError('client: this platform has no WebSocket; pass one as the WebSocket option (the ws package)');
    // A browser cannot set a handshake's headers: the token goes in its query (RFC 6750 §2.3), which the server reads.
    const url = base.replace(/^http/, 'ws') + (options.token ? `?access_token=${encodeURIComponent(options.token)}` : '');
    transport = new WsTransport(url, Socket);
  } else if (options.transport === 'jsonrpc') transport = new JsonRpcTransport(base, fetcher, headers);
  else transport = new RestTransport(base, fetcher, headers);
  // int64 results become bigints from the API's own OpenAPI document, fetched once, when a result has a number or text in it.
  const revival = new Int64Revival(async () => {
    const res = await fetcher(`${base}/openapi.json`, { headers });
    if (!res.ok) throw new Error(`openapi.json: HTTP ${res.status}`);
    return parseJson(await res.text());
  });
  const root = node(transport, revival, []);
  transports.set(root, transport);
  // The proxy answers every member the declaration names; its type is the declaration's.
  return root as ClientOf<D>;
}

/** Closes what a client holds (its WebSocket); later calls open it again. */
export function closeClient(c: object): void {
  transports.get(c)?.close();
}

/** A member of the client: callable (a function) and with members (a controller), by path. */
function node(transport: Transport, revival: Int64Revival, path: readonly string[]): object {
  const call = (args?: Record<string, unknown>, options?: CallOptions) => new PendingCall(transport, revival, path.join('.'), args ?? {}, options ?? {});
  return new Proxy(call, {
    get(_target, key) {
      // Not a thenable: `await api` must not call a function named `then`.
      if (typeof key !== 'string' || key === 'then') return undefined;
      return node(transport, revival, [...path, key]);
    },
  });
}

/**
 * A call not made yet: awaiting it calls the function, iterating it calls the stream. (Only the
 * declaration knows which a function is; the type shows the right one.)
 */
class PendingCall implements PromiseLike<unknown>, AsyncIterable<unknown> {
  private promise: Promise<unknown> | undefined;

  constructor(
    private readonly transport: Transport,
    private readonly revival: Int64Revival,
    private readonly name: string,
    private readonly args: Readonly<Record<string, unknown>>,
    private readonly options: CallOptions,
  ) {}

  private result(): Promise<unknown> {
    this.promise ??= this.transport.call(this.name, this.args, this.options).then((v) => this.revival.revive(this.name, v, false));
    return this.promise;
  }

  // biome-ignore lint/suspicious/noThenProperty: a pending call is awaited like a promise, on purpose
  then<A = unknown, B = never>(
    onResult?: ((value: unknown) => A | PromiseLike<A>) | null,
    onFault?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.result().then(onResult, onFault);
  }

  catch<B = never>(onFault?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<unknown> {
    return this.result().catch(onFault);
  }

  finally(onFinally?: (() => void) | null): Promise<unknown> {
    return this.result().finally(onFinally);
  }

  [Symbol.asyncIterator](): AsyncIterator<unknown> {
    const it = this.transport.stream(this.name, this.args, this.options)[Symbol.asyncIterator]();
    const revival = this.revival;
    const name = this.name;
    return {
      next: async () => {
        const r = await it.next();
        return r.done ? r : { done: false, value: await revival.revive(name, r.value, true) };
      },
      return: async () => (it.return ? it.return() : { done: true, value: undefined }),
    };
  }
}
