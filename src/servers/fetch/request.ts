/** `SbRequest` over a Fetch-API `Request`: read directly, never converted through node:http. */
import { sbError } from '../../errors/index.ts';
import type { SbRequest } from '../../runtime/http.ts';

export class FetchRequest implements SbRequest {
  readonly method: string;
  readonly path: string;
  readonly query: string;

  constructor(
    readonly raw: Request,
    readonly remoteAddress: string | undefined,
  ) {
    this.method = raw.method;
    // `Request.url` is always absolute: skip `scheme://authority` without building a URL object.
    const url = raw.url;
    const start = url.indexOf('/', url.indexOf('//') + 2);
    const q = url.indexOf('?', start);
    const hash = url.indexOf('#', start);
    const end = hash === -1 ? url.length : hash;
    if (start === -1) {
      this.path = '/';
      this.query = '';
    } else if (q === -1 || q > end) {
      this.path = url.slice(start, end);
      this.query = '';
    } else {
      this.path = url.slice(start, q);
      this.query = url.slice(q + 1, end);
    }
  }

  /** The Fetch handler sees the whole URL: nothing in front of the path. */
  get mount(): string {
    return '';
  }

  header(name: string): string | undefined {
    const v = this.raw.headers.get(name);
    if (v !== null) return v;
    // A Request built in code (or by a runtime that drops it) has no Host: its URL names the host.
    return name === 'host' ? this.urlHost() : undefined;
  }

  private urlHost(): string | undefined {
    const url = this.raw.url;
    const start = url.indexOf('//') + 2;
    const end = url.indexOf('/', start);
    const host = url.slice(start, end === -1 ? url.length : end);
    return host === '' ? undefined : host;
  }

  get hasBody(): boolean {
    if (this.raw.body === null) return false;
    return this.raw.headers.get('content-length') !== '0';
  }

  get signal(): AbortSignal {
    return this.raw.signal;
  }

  async body(limit: number): Promise<Uint8Array> {
    const declared = Number(this.raw.headers.get('content-length'));
    const stream = this.raw.body;
    if (declared > limit) {
      void stream?.cancel().catch(() => {});
      throw sbError('SB_BODY_TOO_LARGE', { limit });
    }
    if (stream === null) return new Uint8Array(0);
    // Read chunk by chunk so an oversized body is refused without holding all of it.
    const reader = stream.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const step = await reader.read();
      if (step.done) break;
      size += step.value.byteLength;
      if (size > limit) {
        void reader.cancel().catch(() => {});
        throw sbError('SB_BODY_TOO_LARGE', { limit });
      }
      chunks.push(step.value);
    }
    if (chunks.length === 1) return chunks[0];
    const out = new Uint8Array(size);
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.byteLength;
    }
    return out;
  }
}
