/**
 * An adapter written in a test, against the server contract alone: a minimal HTTP/1.1 server
 * over raw `node:net` (one request per connection, `content-length` or chunked bodies,
 * chunked streamed answers). It passes the same conformance suite as the shipped adapters,
 * and `docs/interfaces.md` walks through it. Not for production: no keep-alive, no pipelining.
 */
import { type Server as NetBackend, type Socket, createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { type App, type SbRequest, type SbResponse, Server, sbError } from '../../src/index.ts';

/** The request line and headers, as read off the socket. */
export interface Head {
  method: string;
  target: string;
  headers: Map<string, string>;
  /** Bytes that arrived after the head: the start of the body. */
  rest: Buffer;
}

const HEAD_LIMIT = 16 * 1024;

/** Step 2 of the contract: an `SbRequest` over the socket, its body read only when asked. */
class NetRequest implements SbRequest {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  private readonly controller = new AbortController();
  answered = false;

  constructor(
    private readonly socket: Socket,
    private readonly head: Head,
  ) {
    this.method = head.method;
    const q = head.target.indexOf('?');
    this.path = q === -1 ? head.target : head.target.slice(0, q);
    this.query = q === -1 ? '' : head.target.slice(q + 1);
    // The socket closing before the answer is out means the client went away.
    socket.once('close', () => !this.answered && this.controller.abort(new Error('client disconnected')));
  }

  header(name: string): string | undefined {
    return this.head.headers.get(name);
  }

  get remoteAddress(): string | undefined {
    return this.socket.remoteAddress;
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get hasBody(): boolean {
    const len = this.head.headers.get('content-length');
    return len !== undefined ? len !== '0' : this.head.headers.has('transfer-encoding');
  }

  body(limit: number): Promise<Uint8Array> {
    const chunked = /chunked/i.test(this.head.headers.get('transfer-encoding') ?? '');
    const length = Number(this.head.headers.get('content-length') ?? 0);
    if (!chunked && length > limit) return Promise.reject(sbError('SB_BODY_TOO_LARGE', { limit }));
    return new Promise((resolve, reject) => {
      let raw = this.head.rest;
      const check = (): boolean => {
        const body = chunked ? dechunk(raw) : raw.length >= length ? { data: raw.subarray(0, length), done: true } : { data: raw, done: false };
        if (body === undefined) fail(sbError('SB_BODY_ENDED_EARLY'));
        else if (body.data.length > limit) fail(sbError('SB_BODY_TOO_LARGE', { limit }));
        else if (body.done) {
          stop();
          resolve(body.data);
        } else return false;
        return true;
      };
      const onData = (chunk: Buffer) => {
        raw = Buffer.concat([raw, chunk]);
        check();
      };
      const fail = (err: Error) => {
        stop();
        reject(err);
      };
      const onClose = () => fail(new Error('connection closed before the body ended'));
      const stop = () => {
        this.socket.off('data', onData);
        this.socket.off('close', onClose);
      };
      this.socket.on('data', onData);
      this.socket.on('close', onClose);
      check();
    });
  }
}

/** Decodes what has arrived of a chunked body; undefined when it is malformed. */
function dechunk(raw: Buffer): { data: Buffer; done: boolean } | undefined {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const eol = raw.indexOf('\r\n', at);
    if (eol === -1) return { data: Buffer.concat(parts), done: false };
    const size = Number.parseInt(raw.subarray(at, eol).toString('latin1'), 16);
    if (!Number.isInteger(size) || size < 0) return undefined;
    if (size === 0) return { data: Buffer.concat(parts), done: true };
    if (raw.length < eol + 2 + size + 2) return { data: Buffer.concat([...parts, raw.subarray(eol + 2)]), done: false };
    parts.push(raw.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
}

const REASONS: Record<number, string> = {
  200: 'OK',
  204: 'No Content',
  400: 'Bad Request',
  404: 'Not Found',
  413: 'Payload Too Large',
  500: 'Internal Server Error',
};

/** The contract's four members, over `net.Server`. */
export class NetServer extends Server<NetBackend, [Socket, Head]> {
  readonly backend: NetBackend;

  constructor(app: App) {
    super(app);
    this.backend = this.createBackend();
  }

  get hostloc(): string {
    const a = this.backend.address() as AddressInfo | null;
    return a ? `${a.address}:${a.port}` : '';
  }

  /** Step 1: the backend, reading each connection's head and handing it to `handleRequest`. */
  createBackend(): NetBackend {
    return createServer((socket) => {
      socket.on('error', () => socket.destroy());
      let buf = Buffer.alloc(0);
      const onData = (chunk: Buffer) => {
        buf = Buffer.concat([buf, chunk]);
        const end = buf.indexOf('\r\n\r\n');
        if (end === -1) {
          if (buf.length > HEAD_LIMIT) socket.end('HTTP/1.1 431 Request Header Fields Too Large\r\nconnection: close\r\n\r\n');
          return;
        }
        socket.off('data', onData);
        const head = parseHead(buf.subarray(0, end).toString('latin1'), buf.subarray(end + 4));
        if (!head) socket.end('HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\nconnection: close\r\n\r\n');
        else void this.handleRequest(socket, head);
      };
      socket.on('data', onData);
    });
  }

  createRequest(socket: Socket, head: Head): NetRequest {
    return new NetRequest(socket, head);
  }

  /** Step 3: `createRequest`, `app.handle`, then the answer written back in HTTP/1.1. */
  async handleRequest(socket: Socket, head: Head): Promise<void> {
    const req = this.createRequest(socket, head);
    let out: SbResponse;
    try {
      out = await this.app.handle(req);
    } catch {
      out = { status: 500, headers: {}, body: null };
    }
    await write(socket, req, out);
    req.answered = true;
    socket.end();
  }

  listen(port: number, host: string): Promise<this> {
    return new Promise((resolve) => this.backend.listen(port, host, () => resolve(this)));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.backend.close(() => resolve()));
  }
}

function parseHead(text: string, rest: Buffer): Head | undefined {
  const lines = text.split('\r\n');
  const m = /^([A-Z]+) (\S+) HTTP\/1\.[01]$/.exec(lines[0]);
  if (!m) return undefined;
  const headers = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0) return undefined;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    const prev = headers.get(name);
    headers.set(name, prev === undefined ? value : `${prev}, ${value}`);
  }
  return { method: m[1], target: m[2], headers, rest };
}

async function write(socket: Socket, req: NetRequest, out: SbResponse): Promise<void> {
  let head = `HTTP/1.1 ${out.status} ${REASONS[out.status] ?? 'Status'}\r\nconnection: close\r\n`;
  for (const name in out.headers) head += `${name}: ${out.headers[name]}\r\n`;
  const body = out.body;
  const noBody = req.method === 'HEAD' || out.status === 204 || out.status === 304;
  if (body === null || typeof body === 'string' || body instanceof Uint8Array) {
    const bytes = body === null ? Buffer.alloc(0) : Buffer.from(body);
    socket.write(`${head}content-length: ${bytes.length}\r\n\r\n`);
    if (!noBody) socket.write(bytes);
    return;
  }
  socket.write(`${head}transfer-encoding: chunked\r\n\r\n`);
  const it = body[Symbol.asyncIterator]();
  const onClose = () => void it.return?.();
  socket.once('close', onClose);
  try {
    for (let step = await it.next(); !step.done && !socket.destroyed; step = await it.next()) {
      const bytes = Buffer.from(step.value);
      if (bytes.length > 0 && !noBody) socket.write(Buffer.concat([Buffer.from(`${bytes.length.toString(16)}\r\n`), bytes, Buffer.from('\r\n')]));
    }
  } catch {
    // The source failed: end the body; the status is out already.
  } finally {
    socket.off('close', onClose);
  }
  if (!socket.destroyed) socket.write('0\r\n\r\n');
}
