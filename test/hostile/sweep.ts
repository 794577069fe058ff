/**
 * The sweep's harness: the kitchen served over node:http with the WebSocket attached, an HTTP
 * sender that measures each answer, a socket that follows every hostile message with a
 * sentinel call (so that a message answered by nothing still ends its run), and the figures
 * of a run: count, latencies, heap before and after.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import WebSocket from 'ws';
import { type Running, type SwitchboardError, serve } from '../../src/index.ts';
import { type WebsocketServer, attachWebsocket } from '../../src/servers/ws/index.ts';
import { kitchenRoot } from '../helpers/kitchen.ts';
import type { Body } from './arbitraries.ts';

/** Runs per protocol: `HOSTILE_RUNS`, else a few hundred (the whole suite well under a minute on 2 cores). */
export const RUNS = Number(process.env.HOSTILE_RUNS ?? 200);
/** The full sweep asks for timing too: every answer within 100 ms. */
export const FULL = process.env.HOSTILE_RUNS !== undefined;
export const MAX_LATENCY_MS = 100;
/** How much more heap than before a sweep may hold after it, once collected. */
export const HEAP_SLACK = 64 * 1024 * 1024;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Heap in use after a full collection. */
export function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

export interface Kitchen {
  readonly url: string;
  readonly ws: string;
  /** Server faults reported while it ran: the sweep sends no request that should cause one. */
  readonly serverErrors: SwitchboardError[];
  close(): Promise<void>;
}

export async function startKitchen(): Promise<Kitchen> {
  const serverErrors: SwitchboardError[] = [];
  const running: Running = await serve(kitchenRoot(), { port: 0, host: '127.0.0.1', onServerError: (e) => serverErrors.push(e) });
  const wss: WebsocketServer = attachWebsocket(running, { onServerError: (e) => serverErrors.push(e) });
  return {
    url: running.url,
    ws: `${running.url.replace('http', 'ws')}/k`,
    serverErrors,
    close: async () => {
      await wss.close(200);
      await running.close(200);
    },
  };
}

/** One run's figures. */
export class Figures {
  readonly latencies: number[] = [];
  heapBefore = 0;
  heapAfter = 0;
  started = performance.now();
  ms = 0;
  /** Answers over the latency bound at the first try (then sent again; see the sweep). */
  outliers = 0;

  add(ms: number): void {
    this.latencies.push(ms);
  }

  summary(name: string): string {
    const sorted = [...this.latencies].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
    const max = sorted[sorted.length - 1] ?? 0;
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
    return `${name}: ${sorted.length} runs, median ${median.toFixed(2)} ms, max ${max.toFixed(1)} ms (${this.outliers} over ${MAX_LATENCY_MS} ms at first try), heap ${mb(this.heapBefore)} -> ${mb(this.heapAfter)}, ${(this.ms / 1000).toFixed(1)} s`;
  }
}

export interface HttpAnswer {
  readonly status: number;
  readonly type: string;
  readonly text: string;
  readonly ms: number;
}

/** Sends one request and reads its whole answer, timed. */
export async function send(url: string, method: string, headers: Record<string, string | undefined>, body: Body | undefined): Promise<HttpAnswer> {
  const h: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) h[k] = v;
  const t0 = performance.now();
  const r = await fetch(url, { method, headers: h, body: body === undefined ? undefined : typeof body === 'string' ? body : Buffer.from(body) });
  const text = await r.text();
  return { status: r.status, type: r.headers.get('content-type') ?? '', text, ms: performance.now() - t0 };
}

/** What a socket got for one hostile message: the frames before the sentinel's answer, or how it closed. */
export interface SocketAnswer {
  readonly frames: unknown[];
  readonly closed?: number;
  readonly ms: number;
}

/** A socket of one subprotocol that sends a hostile message, then a sentinel call, and waits for the sentinel's answer. */
export class SentinelSocket {
  private ws: WebSocket | undefined;
  private frames: unknown[] = [];
  private waiting: ((a: { closed?: number }) => void) | undefined;
  private sentinel = 0;

  constructor(
    private readonly url: string,
    private readonly protocol: string | undefined,
    /** The sentinel call's text for an id, and how to know its answer. */
    private readonly call: (id: string) => string,
    private readonly answers: (frame: unknown, id: string) => boolean,
  ) {}

  private async open(): Promise<WebSocket> {
    if (this.ws && this.ws.readyState === WebSocket.OPEN) return this.ws;
    const ws = new WebSocket(this.url, this.protocol);
    ws.on('message', (data) => {
      let frame: unknown;
      try {
        frame = JSON.parse(String(data));
      } catch {
        frame = { unparsable: String(data).slice(0, 200) };
      }
      this.frames.push(frame);
      const id = `sentinel-${this.sentinel}`;
      if (this.answers(frame, id)) this.waiting?.({});
    });
    ws.on('close', (code) => this.waiting?.({ closed: code }));
    ws.on('error', () => {});
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    this.ws = ws;
    return ws;
  }

  /** Sends `message` (text, or bytes as a binary message), then the sentinel; resolves within 5 s. */
  async exchange(message: Body): Promise<SocketAnswer> {
    const ws = await this.open();
    this.frames = [];
    const id = `sentinel-${++this.sentinel}`;
    const t0 = performance.now();
    const done = new Promise<{ closed?: number }>((resolve) => {
      const timer = setTimeout(() => resolve({ closed: -1 }), 5000);
      this.waiting = (a) => {
        clearTimeout(timer);
        this.waiting = undefined;
        resolve(a);
      };
    });
    if (typeof message === 'string') ws.send(message);
    else ws.send(message, { binary: true });
    if (ws.readyState === WebSocket.OPEN) ws.send(this.call(id));
    const end = await done;
    const frames = this.frames.filter((f) => !this.answers(f, id));
    return { frames, closed: end.closed, ms: performance.now() - t0 };
  }

  close(): void {
    this.ws?.close();
  }
}
