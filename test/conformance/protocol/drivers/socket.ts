/** A WebSocket to the kitchen, its frames read with the exact JSON reader (int64s kept). */
import type WebSocket from 'ws';
import { Client } from '../../../ws-fixture.ts';
import { readJson } from '../json.ts';

export function openSocket(url: string, subprotocol?: string, headers: Record<string, string> = {}): Promise<Client> {
  return Client.open(url, subprotocol, { headers }, (d: WebSocket.RawData) => readJson(String(d)));
}

/**
 * A driver's sockets, one per bearer token (sent as `Authorization` on the handshake, where the
 * server reads it), opened on first use; one the server closed (a refused token: 1008) is opened
 * again when asked for.
 */
export class Sockets {
  private readonly open = new Map<string, Promise<Client>>();
  constructor(
    private readonly url: string,
    private readonly subprotocol?: string,
  ) {}

  /** The socket of `token` (undefined: the anonymous one). */
  get(token?: string): Promise<Client> {
    const key = token ?? '';
    const known = this.open.get(key);
    if (known) return known;
    const opened = openSocket(this.url, this.subprotocol, token === undefined ? {} : { authorization: `Bearer ${token}` });
    this.open.set(key, opened);
    const forget = () => {
      if (this.open.get(key) === opened) this.open.delete(key);
    };
    opened.then((c) => c.closed.then(forget), forget);
    return opened;
  }

  async close(): Promise<void> {
    const all = [...this.open.values()];
    this.open.clear();
    for (const opened of all) {
      const c = await opened.catch(() => undefined);
      c?.close();
      await c?.closed;
    }
  }
}

/** Every frame so far that `pred` picks, in arrival order. */
export function framesWhere(c: Client, pred: (f: Record<string, unknown>) => boolean): Record<string, unknown>[] {
  return c.frames.filter((f): f is Record<string, unknown> => typeof f === 'object' && f !== null && !Array.isArray(f) && pred(f as Record<string, unknown>));
}
