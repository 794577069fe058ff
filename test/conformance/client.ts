/**
 * The conformance suite's view of a server: one `open` that sends a request and hands back
 * the status, headers and a body to read chunk by chunk. One implementation per transport
 * (HTTP/1.1 and TLS, HTTP/2, a Fetch handler called directly), so the suite itself never
 * knows which backend answers it.
 */
import * as http from 'node:http';
import * as http2 from 'node:http2';
import * as https from 'node:https';

export interface Exchange {
  method: string;
  /** Path and query, e.g. `/ws/person/get?id=1`. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Send the body without a content-length (chunked in HTTP/1.1), in two pieces. */
  chunked?: boolean;
}

export interface Opened {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  chunks: AsyncIterator<Uint8Array>;
  /** Hang up while the body is still coming. */
  cancel(): void;
}

export interface Client {
  open(x: Exchange, signal?: AbortSignal): Promise<Opened>;
  close(): Promise<void>;
}

export interface Answer {
  status: number;
  headers: Record<string, string>;
  text: string;
  json: unknown;
}

/** Sends a request and reads the whole answer. */
export async function send(client: Client, x: Exchange): Promise<Answer> {
  const o = await client.open(x);
  const parts: Uint8Array[] = [];
  for (let step = await o.chunks.next(); !step.done; step = await o.chunks.next()) parts.push(step.value);
  const text = Buffer.concat(parts).toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: o.status, headers: o.headers, text, json };
}

function bodyBytes(x: Exchange): Buffer | undefined {
  return x.body === undefined ? undefined : typeof x.body === 'string' ? Buffer.from(x.body) : Buffer.from(x.body);
}

function flat(h: http.IncomingHttpHeaders | http2.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined && !k.startsWith(':')) out[k] = Array.isArray(v) ? v.join(', ') : String(v);
  return out;
}

/** HTTP/1.1 (or HTTPS with `ca`) through node:http's client, keep-alive on. */
export function httpClient(base: string, options: { ca?: string | Buffer } = {}): Client {
  const url = new URL(base);
  const secure = url.protocol === 'https:';
  const agent = secure ? new https.Agent({ keepAlive: true, ca: options.ca }) : new http.Agent({ keepAlive: true });
  const request = secure ? https.request : http.request;
  return {
    open(x, signal) {
      return new Promise((resolve, reject) => {
        const body = bodyBytes(x);
        const headers: Record<string, string> = { ...x.headers };
        if (body && !x.chunked) headers['content-length'] = String(body.length);
        const req = request({ host: url.hostname, port: url.port, method: x.method, path: x.path, headers, agent, signal }, (res) => {
          resolve({ status: res.statusCode ?? 0, headers: flat(res.headers), chunks: res[Symbol.asyncIterator](), cancel: () => req.destroy() });
        });
        req.on('error', reject);
        if (body && x.chunked) {
          req.write(body.subarray(0, body.length >> 1));
          req.end(body.subarray(body.length >> 1));
        } else req.end(body);
      });
    },
    close: async () => agent.destroy(),
  };
}

/** HTTP/2 through node:http2's client: h2c for `http:`, TLS for `https:` (with `ca`). */
export function h2Client(base: string, options: { ca?: string | Buffer } = {}): Client {
  const session = http2.connect(base, { ca: options.ca });
  session.on('error', () => {});
  return {
    open(x, signal) {
      return new Promise((resolve, reject) => {
        const body = bodyBytes(x);
        const headers: http2.OutgoingHttpHeaders = { ':method': x.method, ':path': x.path, ...x.headers };
        if (body && !x.chunked) headers['content-length'] = body.length;
        const stream = session.request(headers, { endStream: body === undefined, signal });
        stream.on('response', (h) => {
          resolve({
            status: Number(h[':status']),
            headers: flat(h),
            chunks: stream[Symbol.asyncIterator](),
            cancel: () => stream.close(http2.constants.NGHTTP2_CANCEL),
          });
        });
        stream.on('error', reject);
        if (body && x.chunked) {
          stream.write(body.subarray(0, body.length >> 1));
          stream.end(body.subarray(body.length >> 1));
        } else if (body) stream.end(body);
      });
    },
    close: () =>
      new Promise((resolve, reject) => {
        if (session.destroyed) return resolve();
        // close() waits for every stream: one the server never closed is a leak, reported.
        const timer = setTimeout(() => {
          session.destroy();
          reject(new Error('the HTTP/2 session did not close: the server left a stream open'));
        }, 5000);
        session.close(() => {
          clearTimeout(timer);
          resolve();
        });
      }),
  };
}

/** A Fetch handler called directly with Node's own `Request`; no socket at all. */
export function fetchClient(handler: (request: Request) => Promise<Response>, origin = 'http://switchboard.test'): Client {
  return {
    async open(x, signal) {
      const body = bodyBytes(x);
      const init: RequestInit & { duplex?: 'half' } = { method: x.method, headers: x.headers, signal };
      if (body && x.chunked) {
        const halves = [body.subarray(0, body.length >> 1), body.subarray(body.length >> 1)];
        init.body = new ReadableStream<Uint8Array>({
          pull(c) {
            const next = halves.shift();
            if (next) c.enqueue(next);
            else c.close();
          },
        });
        init.duplex = 'half';
      } else if (body) init.body = new Uint8Array(body);
      const res = await handler(new Request(origin + x.path, init));
      const reader = res.body?.getReader();
      const chunks: AsyncIterator<Uint8Array> = {
        async next() {
          if (!reader) return { done: true, value: undefined };
          const step = await reader.read();
          return step.done ? { done: true, value: undefined } : { done: false, value: step.value };
        },
      };
      return {
        status: res.status,
        headers: headersOf(res.headers),
        chunks,
        cancel: () => void reader?.cancel(),
      };
    },
    close: async () => {},
  };
}

function headersOf(h: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  h.forEach((value, name) => {
    out[name] = value;
  });
  return out;
}

/** The same client with every path below `prefix` (an adapter mounted under a path). */
export function prefixed(client: Client, prefix: string): Client {
  return {
    open: (x, signal) => client.open({ ...x, path: prefix + x.path }, signal),
    close: () => client.close(),
  };
}
