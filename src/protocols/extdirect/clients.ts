/**
 * The polling clients of one app: each has its own subscription to one poll function's
 * stream. Bounded three times: at most `maxClients` at once and `maxPerAddress` of them from
 * one remote address (so one machine cannot take every slot; a new one past either is refused), and a
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
  /** The remote address it polls from (counted against `maxPerAddress`). */
  readonly address: string;
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
  /** Live clients by remote address. */
  private readonly perAddress = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly maxClients: number,
    private readonly timeoutMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxPerAddress = Number.POSITIVE_INFINITY,
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

  /** Room for one more client from `address`, or the `SB_TOO_MANY_POLL_CLIENTS` error. */
  reserve(address = ''): void {
    if (this.clients.size >= this.maxClients || (this.perAddress.get(address) ?? 0) >= this.maxPerAddress) this.sweep();
    if (this.clients.size >= this.maxClients) throw sbError('SB_TOO_MANY_POLL_CLIENTS', { limit: this.maxClients });
    if ((this.perAddress.get(address) ?? 0) >= this.maxPerAddress) {
      throw sbError('SB_TOO_MANY_POLL_CLIENTS', { limit: `${this.maxPerAddress} from one address` });
    }
  }

  add(client: Omit<PollClient, 'lastPoll' | 'address'> & { readonly address?: string }): PollClient {
    const c: PollClient = { ...client, address: client.address ?? '', lastPoll: this.now() };
    const k = key(c.fn, c.id);
    const old = this.clients.get(k);
    if (old) this.drop(old, 'replaced');
    this.clients.set(k, c);
    this.perAddress.set(c.address, (this.perAddress.get(c.address) ?? 0) + 1);
    this.timer ??= setInterval(() => this.sweep(), Math.max(50, Math.min(1000, this.timeoutMs / 4))).unref();
    return c;
  }

  /** Forgets a client: its stream is closed and its signal aborted. */
  drop(c: PollClient, why: string): void {
    const k = key(c.fn, c.id);
    if (this.clients.get(k) === c) {
      this.clients.delete(k);
      const n = (this.perAddress.get(c.address) ?? 1) - 1;
      if (n > 0) this.perAddress.set(c.address, n);
      else this.perAddress.delete(c.address);
    }
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
