/**
 * The seed project's own frame form: `{"uuid", "method", "path", "headers", "body"}` is turned
 * into an ordinary `SbRequest` and answered by the app's normal HTTP handling (every REST
 * feature works), then `{"uuid", "path", "code", "body"}` goes back.
 */
import { sbError } from '../../errors/index.ts';
import type { SbRequest, SbResponse } from '../../runtime/http.ts';
import { mediaType } from '../media.ts';
import { type Frame, JsonText } from './payload.ts';
import type { ConnectionInfo } from './requests.ts';

/** A seed-form frame, as received. */
export interface SeedFrame {
  readonly uuid?: unknown;
  readonly method?: unknown;
  readonly path: string;
  readonly headers?: unknown;
  readonly body?: unknown;
}

/** The synthetic HTTP request of a seed-form frame. Headers it names win over the connection's. */
export class SeedRequest implements SbRequest {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly uuid: string | undefined;
  private readonly headers: Record<string, string> = {};
  private readonly bytes: Uint8Array | undefined;

  constructor(
    private readonly conn: ConnectionInfo,
    frame: SeedFrame,
  ) {
    if (frame.method !== undefined && typeof frame.method !== 'string') throw sbError('SB_INVALID_FRAME', { reason: 'method must be a string' });
    if (!frame.path.startsWith('/')) throw sbError('SB_INVALID_FRAME', { reason: 'path must start with /' });
    this.method = frame.method === undefined ? 'GET' : frame.method.toUpperCase();
    const q = frame.path.indexOf('?');
    this.path = q === -1 ? frame.path : frame.path.slice(0, q);
    this.query = q === -1 ? '' : frame.path.slice(q + 1);
    this.uuid = seedUuid(frame, conn.uuid);
    if (this.uuid === undefined && frame.uuid !== undefined && frame.uuid !== null) throw sbError('SB_INVALID_FRAME', { reason: 'uuid must be a string' });
    if (frame.headers !== undefined && frame.headers !== null) {
      if (typeof frame.headers !== 'object' || Array.isArray(frame.headers)) throw sbError('SB_INVALID_FRAME', { reason: 'headers must be an object' });
      for (const [k, v] of Object.entries(frame.headers)) {
        if (typeof v !== 'string') throw sbError('SB_INVALID_FRAME', { reason: `header ${k} must be a string` });
        this.headers[k.toLowerCase()] = v;
      }
    }
    const body = frame.body;
    if (body === undefined || body === null) return;
    if (typeof body === 'string') this.bytes = Buffer.from(body, 'utf8');
    else if (body instanceof Uint8Array) this.bytes = body;
    else {
      let text: string;
      try {
        text = JSON.stringify(body);
      } catch {
        // JSON.stringify recurses: a body nested thousands deep overflows the stack. The sender's doing.
        throw sbError('SB_INVALID_FRAME', { reason: 'body is nested too deeply' });
      }
      this.bytes = Buffer.from(text, 'utf8');
      this.headers['content-type'] ??= 'application/json';
    }
  }

  header(name: string): string | undefined {
    return this.headers[name] ?? this.conn.header(name);
  }

  get remoteAddress(): string | undefined {
    return this.conn.remoteAddress;
  }

  get signal(): AbortSignal {
    return this.conn.signal;
  }

  get hasBody(): boolean {
    return this.bytes !== undefined && this.bytes.byteLength > 0;
  }

  body(limit: number): Promise<Uint8Array> {
    const b = this.bytes ?? new Uint8Array(0);
    if (b.byteLength > limit) return Promise.reject(sbError('SB_BODY_TOO_LARGE', { limit }));
    return Promise.resolve(b);
  }
}

const JSON_TYPES = new Set(['application/json', 'text/javascript']);

/** The seed-form answer: JSON bodies travel as JSON values, other bodies as text. */
/**
 * The frame's uuid as text, or `fallback` when it has none; `undefined` for one that is neither
 * text nor a number (never `String()` of a client's value: an array nested deep enough
 * overflows the stack).
 */
export function seedUuid(frame: SeedFrame, fallback: string | undefined): string | undefined {
  const u: unknown = frame.uuid;
  if (u === undefined || u === null) return fallback;
  return typeof u === 'string' ? u : typeof u === 'number' ? String(u) : undefined;
}

export function seedResponseFrame(req: SbRequest, res: SbResponse, uuid: string | undefined): Frame {
  let body: unknown = null;
  const raw = res.body;
  if (typeof raw === 'string' || raw instanceof Uint8Array) {
    const text = typeof raw === 'string' ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('utf8');
    body = JSON_TYPES.has(mediaType(res.headers['content-type'])) ? new JsonText(text === '' ? 'null' : text) : text;
  } else if (raw !== null) {
    // A streamed HTTP body has no place in one answer frame; streams use the RPC form.
    const it = raw[Symbol.asyncIterator]();
    Promise.resolve(it.return?.()).catch(() => {});
    return { uuid, path: req.path, code: 406, body: { faultcode: 'Client', faultstring: 'Streams are delivered over the RPC frame form ({"id", "method"})' } };
  }
  return uuid === undefined ? { path: req.path, code: res.status, body } : { uuid, path: req.path, code: res.status, body };
}
