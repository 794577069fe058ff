/** `SbRequest` over node:http's IncomingMessage: every field read lazily. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sbError } from '../../errors/index.ts';
import { type SbRequest, bodyOf } from '../../runtime/http.ts';
import { readBody } from './body.ts';

export class NodeRequest implements SbRequest {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  /** Set when the body was refused unread: the connection must not be reused. */
  bodyRefused = false;
  /** The whole body, when the server read it before asking the app (`readSmallBody`). */
  bodyNow: Uint8Array | undefined = undefined;
  /** Set when the client went away while the server read the body. */
  bodyEnded = false;
  private controller: AbortController | undefined;
  private bodyKnown: boolean | undefined = undefined;

  constructor(
    readonly raw: IncomingMessage,
    private readonly res: ServerResponse,
  ) {
    this.method = raw.method ?? 'GET';
    const url = raw.url ?? '/';
    const q = url.indexOf('?');
    this.path = q === -1 ? url : url.slice(0, q);
    this.query = q === -1 ? '' : url.slice(q + 1);
  }

  /** node:http serves at the host's root: nothing in front of the path. */
  get mount(): string {
    return '';
  }

  header(name: string): string | undefined {
    const v = this.raw.headers[name];
    return Array.isArray(v) ? v.join(', ') : v;
  }

  get remoteAddress(): string | undefined {
    return this.raw.socket.remoteAddress;
  }

  /** Read once (selection and the protocol both ask). */
  get hasBody(): boolean {
    let known = this.bodyKnown;
    if (known === undefined) {
      const headers = this.raw.headers;
      const len = headers['content-length'];
      known = len !== undefined ? len !== '0' : headers['transfer-encoding'] !== undefined;
      this.bodyKnown = known;
    }
    return known;
  }

  get signal(): AbortSignal {
    if (!this.controller) {
      const c = new AbortController();
      this.controller = c;
      // 'close' before the response finished means the client went away — possibly already.
      if (this.res.closed) {
        if (!this.res.writableFinished) c.abort(new Error('client disconnected'));
      } else {
        this.res.once('close', () => {
          if (!this.res.writableFinished) c.abort(new Error('client disconnected'));
        });
      }
    }
    return this.controller.signal;
  }

  body(limit: number): Promise<Uint8Array> {
    // Read already: the one limit check for a body in hand (`bodyOf`), as a promise.
    if (this.bodyNow !== undefined) return Promise.resolve(bodyOf(this, limit));
    if (this.bodyEnded) return Promise.reject(sbError('SB_BODY_ENDED_EARLY'));
    const raw = this.raw;
    const declared = Number(raw.headers['content-length']);
    if (declared > limit) {
      this.bodyRefused = true;
      return Promise.reject(sbError('SB_BODY_TOO_LARGE', { limit }));
    }
    return readBody(raw, limit, () => {
      this.bodyRefused = true;
    });
  }
}
