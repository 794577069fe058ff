/**
 * One open socket: the session's transport. Sending watches the socket's buffer: past the
 * high-water mark the connection stops reading the client's frames and holds its streams until
 * the buffer drains; past the hard limit the client is cut off. Nothing buffers without bound.
 */
import type { Duplex } from 'node:stream';
import WebSocket from 'ws';
import { type Frame, type Payload, SplicedJson, frameJson } from '../../protocols/wsrpc/payload.ts';
import type { SocketSession } from '../../protocols/socket.ts';
import type { Transport } from '../../protocols/wsrpc/endpoint.ts';
import type { ConnectionRequest } from './request.ts';

export interface BufferLimits {
  /** Bytes queued for the client above which reading and streams pause. */
  readonly highWaterMark: number;
  /** Bytes queued for the client above which it is cut off. */
  readonly hardLimit: number;
  /** Told when a frame cannot be written. */
  readonly onError: (err: unknown) => void;
}

const TEXT = { binary: false };
const FRAGMENT = { binary: false, fin: false };
const BINARY = { binary: true };

export class Connection implements Transport {
  /** Cleared by each heartbeat, set by each pong: still clear at the next beat → dead peer. */
  alive = true;
  /** The wsrpc session, or a socket protocol's (the Channels socket's). */
  session!: SocketSession;
  private paused = false;
  private waiters: (() => void)[] | undefined;

  constructor(
    readonly ws: WebSocket,
    private readonly socket: Duplex,
    readonly request: ConnectionRequest,
    readonly payload: Payload,
    private readonly limits: BufferLimits,
  ) {}

  get open(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  /** True while the client is too slow to read what it is sent. */
  get isPaused(): boolean {
    return this.paused;
  }

  send(frame: Frame): void {
    const ws = this.ws;
    if (ws.readyState !== WebSocket.OPEN) return;
    if (frame instanceof SplicedJson && this.payload.dumps === frameJson) {
      // One message in three fragments: the shared piece goes out as it is, not copied per client.
      ws.send(frame.head, FRAGMENT);
      ws.send(frame.piece, FRAGMENT);
      ws.send(frame.tail, TEXT);
    } else this.sendWhole(ws, frame);
    const queued = ws.bufferedAmount;
    if (queued > this.limits.highWaterMark) this.overHighWater(queued);
  }

  private sendWhole(ws: WebSocket, frame: Frame): void {
    let data: string | Uint8Array;
    try {
      data = this.payload.dumps(frame);
    } catch (err) {
      this.limits.onError(err);
      return;
    }
    ws.send(data, this.payload.binary ? BINARY : TEXT);
  }

  writable(): Promise<void> | undefined {
    if (!this.paused) return undefined;
    return new Promise((resolve) => {
      this.waiters ??= [];
      this.waiters.push(resolve);
    });
  }

  private overHighWater(queued: number): void {
    if (queued > this.limits.hardLimit) {
      this.ws.terminate();
      return;
    }
    if (this.paused) return;
    this.paused = true;
    this.ws.pause();
    this.socket.once('drain', () => this.drained());
  }

  private drained(): void {
    if (!this.paused) return;
    if (this.ws.bufferedAmount > this.limits.highWaterMark / 2 && this.open) {
      this.socket.once('drain', () => this.drained());
      return;
    }
    this.resume();
    if (this.open) this.ws.resume();
  }

  private resume(): void {
    this.paused = false;
    const w = this.waiters;
    this.waiters = undefined;
    if (w) for (const resolve of w) resolve();
  }

  /** Closes the socket after what is queued (the close frame follows the last frame sent). */
  close(code: number, reason: string): void {
    if (this.open) this.ws.close(code, reason);
  }

  /** The socket closed: release whatever waits to write. */
  closed(): void {
    this.resume();
  }
}
