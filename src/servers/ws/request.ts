/**
 * The connection's request, made once at the handshake from node:http's IncomingMessage. It
 * keeps only what calls read (headers, path, address), not the IncomingMessage, so an idle
 * socket holds little.
 */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { ConnectionInfo } from '../../protocols/wsrpc/requests.ts';
import type { SbRequest } from '../../runtime/http.ts';

export class ConnectionRequest implements ConnectionInfo, SbRequest {
  readonly path: string;
  readonly query: string;
  readonly headers: IncomingHttpHeaders;
  readonly remoteAddress: string | undefined;
  /** Set by `connectWebsocketCall`: the `X-UUID` header, else `Sec-WebSocket-Key`. */
  uuid: string | undefined;
  private controller: AbortController | undefined;
  private gone = false;

  constructor(raw: IncomingMessage) {
    const url = raw.url ?? '/';
    const q = url.indexOf('?');
    this.path = q === -1 ? url : url.slice(0, q);
    this.query = q === -1 ? '' : url.slice(q + 1);
    this.headers = raw.headers;
    this.remoteAddress = raw.socket.remoteAddress;
  }

  /** The handshake's verb. */
  get method(): string {
    return 'GET';
  }

  /** A handshake has no body. */
  get hasBody(): boolean {
    return false;
  }

  body(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(0));
  }

  /** The socket's path is the whole URL path: nothing in front of it. */
  get mount(): string {
    return '';
  }

  header(name: string): string | undefined {
    const v = this.headers[name];
    return Array.isArray(v) ? v.join(', ') : v;
  }

  /** Aborted when the socket closes. */
  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.gone) this.controller.abort(new Error('client disconnected'));
    }
    return this.controller.signal;
  }

  /** The socket closed. */
  disconnected(): void {
    this.gone = true;
    this.controller?.abort(new Error('client disconnected'));
  }
}
