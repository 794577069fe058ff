/**
 * Shared by the WebSocket tests: a test root (headers, slow, failing, big and streaming
 * functions), a server with the socket attached, and a small `ws` client that waits for
 * frames by predicate (every wait bounded).
 */
import WebSocket from 'ws';
import { type ApiDef, ClientError, controller, expose, root, t } from '../src/index.ts';
import { type WebsocketOptions, type WebsocketServer, attachWebsocket } from '../src/servers/ws/index.ts';
import { serve, type Running } from '../src/servers/node/index.ts';

export interface Probe {
  /** Items the endless stream has produced. */
  produced: number;
  /** Streams whose iterator was closed (`return()` called or `finally` run). */
  closed: number;
}

export function wsRoot(probe: Probe = { produced: 0, closed: 0 }) {
  return root({
    webpath: 'ws',
    controllers: {
      t: controller({
        echo: expose({ args: { a: t.integer(), b: t.optional(t.string()) }, returns: t.string() }, ({ a, b }) => `${a}:${b ?? '-'}`),
        header: expose({ args: { name: t.string() }, returns: t.nullable(t.string()) }, ({ name }, ctx) => ctx.request.header(name) ?? null),
        info: expose({ returns: t.dict(t.string()) }, (_a, ctx) => ({ method: ctx.request.method, path: ctx.request.path, name: ctx.name })),
        slow: expose({ args: { ms: t.integer(), tag: t.string() }, returns: t.string() }, async ({ ms, tag }, ctx) => {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, ms);
            ctx.signal.addEventListener('abort', () => {
              clearTimeout(timer);
              resolve();
            });
          });
          return tag;
        }),
        boom: expose({ returns: t.string() }, () => {
          throw new Error('secret internals');
        }),
        refuse: expose({}, () => {
          throw new ClientError('Not today', { status: 403 });
        }),
        big: expose({ args: { size: t.integer() }, returns: t.string() }, ({ size }) => 'x'.repeat(size)),
        count: expose({ args: { n: t.integer() }, returns: t.integer() }, ({ n }) => countTo(n)),
        failing: expose({ returns: t.integer() }, () => failAfter(2)),
        endless: expose({ args: { size: t.integer() }, returns: t.string() }, ({ size }) => endless(size, probe)),
      }),
    },
  });
}

async function* countTo(n: number): AsyncGenerator<number> {
  for (let i = 1; i <= n; i++) yield i;
}

async function* failAfter(n: number): AsyncGenerator<number> {
  for (let i = 1; i <= n; i++) yield i;
  throw new ClientError('stream broke');
}

/** An endless stream of `size`-character strings, counting what it produced and when it is closed. */
function endless(size: number, probe: Probe): AsyncIterable<string> {
  const item = 'y'.repeat(size);
  return {
    [Symbol.asyncIterator]: () => ({
      next: async () => {
        probe.produced++;
        await new Promise((r) => setImmediate(r));
        return { done: false, value: item };
      },
      return: async () => {
        probe.closed++;
        return { done: true, value: undefined };
      },
    }),
  };
}

export interface WsServer {
  running: Running;
  wss: WebsocketServer;
  url: string;
  close(): Promise<void>;
}

/** The test root (or another) on node:http with the socket attached; 127.0.0.1, port 0. */
export async function startWs(options: WebsocketOptions = {}, r: ApiDef = wsRoot()): Promise<WsServer> {
  const running = await serve(r, { port: 0, host: '127.0.0.1' });
  const wss = attachWebsocket(running, options);
  return {
    running,
    wss,
    url: `${running.url.replace('http', 'ws')}/ws`,
    close: async () => {
      await wss.close(200);
      await running.close(200);
    },
  };
}

export type Json = Record<string, unknown>;

/** A `ws` client that keeps every frame and waits for the ones it wants. */
export class Client {
  readonly frames: unknown[] = [];
  private waiters: (() => void)[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(
    readonly ws: WebSocket,
    private readonly decode: (data: WebSocket.RawData) => unknown,
  ) {
    ws.on('message', (data) => {
      this.frames.push(this.decode(data));
      for (const w of this.waiters.splice(0)) w();
    });
    this.closed = new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  static open(
    url: string,
    protocols?: string | string[],
    options: WebSocket.ClientOptions = {},
    decode = (d: WebSocket.RawData) => JSON.parse(String(d)) as unknown,
  ): Promise<Client> {
    const ws = new WebSocket(url, protocols, options);
    const c = new Client(ws, decode);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(c));
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    });
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** The first frame (from `from` on) matching `pred`; rejects after `ms`. */
  async next(pred: (f: Json) => boolean, ms = 5000, from = 0): Promise<Json> {
    const deadline = Date.now() + ms;
    for (;;) {
      for (let i = from; i < this.frames.length; i++) {
        const f = this.frames[i];
        if (typeof f === 'object' && f !== null && pred(f as Json)) return f as Json;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching frame within ${ms} ms; got ${JSON.stringify(this.frames).slice(0, 500)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Sends an RPC frame and waits for its final answer (not its stream events). */
  call(id: number | string, method: string, params?: unknown): Promise<Json> {
    this.send({ id, method, params });
    return this.next((f) => f.id === id && 'status' in f);
  }

  close(): void {
    this.ws.close();
  }
}
