/** `SbRequest` over node:http's IncomingMessage: every field read lazily. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sbError } from '../../errors/index.ts';
import type { SbRequest } from '../../runtime/http.ts';

export class NodeRequest implements SbRequest {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  /** Set when the body was refused unread: the connection must not be reused. */
  bodyRefused = false;
  private controller: AbortController | undefined;

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

  header(name: string): string | undefined {
    const v = this.raw.headers[name];
    return Array.isArray(v) ? v.join(', ') : v;
  }

  get remoteAddress(): string | undefined {
    return this.raw.socket.remoteAddress;
  }

  get hasBody(): boolean {
    const len = this.raw.headers['content-length'];
    if (len !== undefined) return len !== '0';
    return this.raw.headers['transfer-encoding'] !== undefined;
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
    const raw = this.raw;
    const declared = Number(raw.headers['content-length']);
    if (declared > limit) {
      this.bodyRefused = true;
      return Promise.reject(sbError('SB_BODY_TOO_LARGE', { limit }));
    }
    if (raw.destroyed) return Promise.reject(sbError('SB_INVALID_REQUEST', { reason: 'the request body ended early' }));
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const onData = (chunk: Buffer) => {
        size += chunk.length;
        if (size > limit) {
          cleanup();
          this.bodyRefused = true;
          raw.pause();
          reject(sbError('SB_BODY_TOO_LARGE', { limit }));
          return;
        }
        chunks.push(chunk);
      };
      const onEnd = () => {
        cleanup();
        resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
      };
      // The client went away mid-body ('error', or 'close' without 'end'): nobody will read
      // the answer, but the promise must settle so nothing waits forever.
      const onError = () => {
        cleanup();
        reject(sbError('SB_INVALID_REQUEST', { reason: 'the request body ended early' }));
      };
      const cleanup = () => {
        raw.off('data', onData);
        raw.off('end', onEnd);
        raw.off('error', onError);
        raw.off('close', onError);
      };
      raw.on('data', onData);
      raw.on('end', onEnd);
      raw.on('error', onError);
      raw.on('close', onError);
    });
  }
}
