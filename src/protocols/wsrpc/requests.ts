/**
 * What a handler sees as its request when called over a socket: the connection's request
 * (its headers, address, signal), the function's path, and — per call — an abort signal that
 * fires when the call is cancelled or the socket closes.
 */
import type { RequestInfo } from '../../api/context.ts';

/** The connection's request, as the server adapter made it at the handshake. */
export interface ConnectionInfo extends RequestInfo {
  /** The connection's id: the `X-UUID` header, else `Sec-WebSocket-Key` (the seed's rule). */
  readonly uuid: string | undefined;
}

/** A call in flight that can be cancelled (by the client or by the socket closing). */
export interface Pending {
  cancel(reason: string): void;
}

export class CallRequest implements RequestInfo, Pending {
  private controller: AbortController | undefined;
  /** The stream being pumped, until it ends or is closed. */
  private iterator: AsyncIterator<unknown> | undefined;
  cancelled = false;

  constructor(
    private readonly conn: ConnectionInfo,
    readonly path: string,
  ) {}

  get method(): string {
    return 'WS';
  }

  /** The handshake's query (where a browser puts its `access_token`). */
  get query(): string {
    return this.conn.query;
  }

  header(name: string): string | undefined {
    return this.conn.header(name);
  }

  get remoteAddress(): string | undefined {
    return this.conn.remoteAddress;
  }

  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.cancelled) this.controller.abort(new Error('cancelled'));
    }
    return this.controller.signal;
  }

  /** Marks the iterator of a stream result, so cancelling closes it. */
  streaming(it: AsyncIterator<unknown>): void {
    this.iterator = it;
  }

  /** The stream ended by itself: nothing to close. */
  ended(): void {
    this.iterator = undefined;
  }

  /** Closes the stream's iterator once (`return()`), releasing what the handler holds. */
  closeIterator(): void {
    const it = this.iterator;
    this.iterator = undefined;
    if (it?.return) {
      try {
        Promise.resolve(it.return()).catch(() => {});
      } catch {
        // A throwing return() must not stop the socket's other calls.
      }
    }
  }

  /**
   * The stream's next item, or undefined once the call is cancelled — whichever comes first,
   * so a source that never settles after `return()` cannot hold the call open. (A fresh race
   * per item: one long-lived promise raced again and again would keep every reaction.)
   */
  next(it: AsyncIterator<unknown>): Promise<IteratorResult<unknown> | undefined> {
    if (this.cancelled) return Promise.resolve(undefined);
    return new Promise((resolve, reject) => {
      this.onCancel = () => resolve(undefined);
      it.next().then(resolve, reject);
    });
  }

  private onCancel: (() => void) | undefined;

  cancel(reason: string): void {
    if (this.cancelled) return;
    this.cancelled = true;
    this.controller?.abort(new Error(reason));
    this.closeIterator();
    this.onCancel?.();
  }
}
