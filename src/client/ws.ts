/**
 * Calls over the API's WebSocket (the RPC frames of `wsrpc/`): one socket per client, opened on
 * the first call; `{id, method, params}` answered by a result or error frame, or — for a stream
 * — by event frames and a done frame. Aborting a stream, or leaving its loop, sends `{id,
 * cancel: true}`, so it ends on the server too.
 */
import { SwitchboardFault, faultOf } from './fault.ts';
import { parseJson, toJson } from './json.ts';
import type { Transport } from './transport.ts';
import type { CallOptions } from './types.ts';

/** The WebSocket class to use: the platform's (browsers, Node 22), or `ws`'s in Node 20. */
export interface WebSocketClass {
  new (url: string): WebSocketLike;
}

/** The part of the WebSocket API used here (the browser's and `ws`'s both have it). */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number): void;
  addEventListener(type: 'open' | 'close' | 'error', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

type Frame = { id?: unknown; status?: number; result?: unknown; error?: unknown; event?: number; data?: unknown; done?: boolean };

export class WsTransport implements Transport {
  private socket: Promise<WebSocketLike> | undefined;
  private readonly listeners = new Map<string, (frame: Frame) => void>();
  private next = 0;

  constructor(
    private readonly url: string,
    private readonly Socket: WebSocketClass,
  ) {}

  async call(name: string, args: Readonly<Record<string, unknown>>, options: CallOptions): Promise<unknown> {
    const id = `c${++this.next}`;
    const socket = await this.open();
    return new Promise((resolve, reject) => {
      const abort = () => {
        this.listeners.delete(id);
        socket.send(toJson({ id, cancel: true }));
        reject(options.signal?.reason ?? new Error('aborted'));
      };
      options.signal?.addEventListener('abort', abort, { once: true });
      this.listeners.set(id, (f) => {
        if ('event' in f) return;
        this.listeners.delete(id);
        options.signal?.removeEventListener('abort', abort);
        if (f.error !== undefined) reject(faultOf(f.status ?? 500, f.error));
        else resolve(f.result ?? null);
      });
      socket.send(toJson({ id, method: name, params: args }));
    });
  }

  stream(name: string, args: Readonly<Record<string, unknown>>, options: CallOptions): AsyncIterable<unknown> {
    return { [Symbol.asyncIterator]: () => this.iterate(name, args, options) };
  }

  private iterate(name: string, args: Readonly<Record<string, unknown>>, options: CallOptions): AsyncIterator<unknown> {
    const id = `s${++this.next}`;
    const queue: Frame[] = [];
    let wake: (() => void) | undefined;
    let over = false;
    let socket: WebSocketLike | undefined;
    const cancel = () => {
      if (over) return;
      over = true;
      socket?.send(toJson({ id, cancel: true }));
      wake?.();
    };
    options.signal?.addEventListener('abort', cancel, { once: true });
    const started = this.open().then((s) => {
      socket = s;
      this.listeners.set(id, (f) => {
        queue.push(f);
        wake?.();
      });
      if (options.signal?.aborted) return;
      s.send(toJson({ id, method: name, params: args }));
    });
    const finish = () => {
      over = true;
      this.listeners.delete(id);
      options.signal?.removeEventListener('abort', cancel);
    };
    return {
      next: async (): Promise<IteratorResult<unknown>> => {
        await started;
        for (;;) {
          const f = queue.shift();
          if (f) {
            if ('event' in f) return { done: false, value: f.data };
            finish();
            if (f.error !== undefined) throw faultOf(f.status ?? 500, f.error);
            return { done: true, value: undefined };
          }
          if (over) {
            finish();
            return { done: true, value: undefined };
          }
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
          wake = undefined;
        }
      },
      return: async (): Promise<IteratorResult<unknown>> => {
        await started;
        cancel();
        finish();
        return { done: true, value: undefined };
      },
    };
  }

  close(): void {
    const s = this.socket;
    this.socket = undefined;
    s?.then((socket) => socket.close(1000)).catch(() => {});
  }

  private open(): Promise<WebSocketLike> {
    this.socket ??= new Promise((resolve, reject) => {
      const socket = new this.Socket(this.url);
      socket.addEventListener('open', () => resolve(socket));
      socket.addEventListener('error', () => reject(new SwitchboardFault(503, 'SB_UNAVAILABLE', `cannot reach ${this.url}`)));
      socket.addEventListener('close', () => {
        this.socket = undefined;
        // Every call still waiting learns that the socket is gone.
        for (const [id, listener] of this.listeners) listener({ id, status: 503, error: { code: 'SB_UNAVAILABLE', faultstring: 'The WebSocket closed' } });
      });
      socket.addEventListener('message', (event) => {
        const f = parseJson(String(event.data)) as Frame | undefined;
        if (f && typeof f.id === 'string') this.listeners.get(f.id)?.(f);
      });
    });
    return this.socket;
  }
}
