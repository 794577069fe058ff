/** A WebSocket to the kitchen, its frames read with the exact JSON reader (int64s kept). */
import type WebSocket from 'ws';
import { Client } from '../../../ws-fixture.ts';
import { readJson } from '../json.ts';

export function openSocket(url: string, subprotocol?: string): Promise<Client> {
  return Client.open(url, subprotocol, {}, (d: WebSocket.RawData) => readJson(String(d)));
}

/** Every frame so far that `pred` picks, in arrival order. */
export function framesWhere(c: Client, pred: (f: Record<string, unknown>) => boolean): Record<string, unknown>[] {
  return c.frames.filter((f): f is Record<string, unknown> => typeof f === 'object' && f !== null && !Array.isArray(f) && pred(f as Record<string, unknown>));
}
