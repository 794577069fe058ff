/**
 * The polling clients of one app: each has its own subscription to one poll function's
 * stream. Bounded twice: at most `maxClients` at once (a new one past that is refused), and a
 * client that has not polled for `timeoutMs` expires — its stream is closed (`return()`) and
 * its handler's `ctx.signal` aborted, whether or not anyone polls again. The sweep timer runs
 * only while there are clients, and never keeps the process alive.
 */
import { randomBytes } from 'node:crypto';
import { sbError } from '../../errors/index.ts';
import type { Subscription } from './subscription.ts';

export interface PollClient {
  readonly id: string;
  /** The poll function's dotted name: an id names a client of one function only. */
  readonly fn: string;
  /** The arguments the stream was started with (canonical text): others restart it. */
  readonly args: string;
  readonly subscription: Subscription;
  /** Aborted when the client expires or is dropped (the handler's `ctx.signal`). */
  readonly abort: AbortController;
  lastPoll: number;
}

/** A fresh client id: 128 random bits, base64url (it is all that lets a client read its events). */
export function newClientId(): string {
  return randomBytes(16).toString('base64url');
}

/** Ids a client may choose itself (the `pollClient` parameter): long enough to be unguessable if random. */
export const CLIENT_ID = /^[\w-]{16,64}$/;

export class PollClients {
  private readonly clients = new Map<string, PollClient>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly maxClients: number,
    private readonly timeoutMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.clients.size;
  }

  /** The live client of `fn` under `id`, marked as just polled. */
  get(fn: string, id: string): PollClient | undefined {
    const c = this.clients.get(key(fn, id));
    if (!c) return undefined;
    if (this.now() - c.lastPoll > this.timeoutMs) {
      this.drop(c, 'expired');
      return undefined;
    }
    c.lastPoll = this.now();
    return c;
  }

  /** Room for one more client, or the `SB_TOO_MANY_POLL_CLIENTS` error. */
  reserve(): void {
    if (this.clients.size >= this.maxClients) this.sweep();
    if (this.clients.size >= this.maxClients) throw sbError('SB_TOO_MANY_POLL_CLIENTS', { limit: this.maxClients });
  }

  add(client: Omit<PollClient, 'lastPoll'>): PollClient {
    const c: PollClient = { ...client, lastPoll: this.now() };
    const k = key(c.fn, c.id);
    const old = this.clients.get(k);
    if (old) this.drop(old, 'replaced');
    this.clients.set(k, c);
    this.timer ??= setInterval(() => this.sweep(), Math.max(50, Math.min(1000, this.timeoutMs / 4))).unref();
    return c;
  }

  /** Forgets a client: its stream is closed and its signal aborted. */
  drop(c: PollClient, why: string): void {
    const k = key(c.fn, c.id);
    if (this.clients.get(k) === c) this.clients.delete(k);
    c.subscription.close();
    c.abort.abort(new Error(`polling client ${why}`));
    if (this.clients.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  /** Drops every client idle for longer than the timeout. */
  sweep(): void {
    const limit = this.now() - this.timeoutMs;
    for (const c of [...this.clients.values()]) if (c.lastPoll < limit) this.drop(c, 'expired');
  }

  /** Drops every client (the app is closing, or a test is done). */
  clear(): void {
    for (const c of [...this.clients.values()]) this.drop(c, 'closed');
  }
}

const key = (fn: string, id: string) => `${fn}\n${id}`;
