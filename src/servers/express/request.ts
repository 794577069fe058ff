/**
 * `SbRequest` inside Express: node:http's, plus what to do when a body parser mounted before
 * Switchboard (`express.json()`, `express.urlencoded()`, `express.raw()`, `express.text()`)
 * has read the body already — the stream is spent, so its parsed form is turned back into bytes.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sbError } from '../../errors/index.ts';
import { NodeRequest } from '../node/request.ts';

export class ExpressRequest extends NodeRequest {
  constructor(
    raw: IncomingMessage,
    res: ServerResponse,
    /** `req.body` as Express left it (undefined without a body parser). */
    private readonly parsed: unknown,
    /** `req.baseUrl`: the path Express matched the mount point with (`''` at the root). */
    private readonly baseUrl = '',
  ) {
    super(raw, res);
  }

  /** The path the middleware is mounted at, as this request matched it. */
  override get mount(): string {
    return this.baseUrl;
  }

  override body(limit: number): Promise<Uint8Array> {
    // Unread: Switchboard reads the bytes itself, with its own limit.
    if (!this.raw.readableEnded) return super.body(limit);
    const bytes = bytesOf(this.parsed, this.header('content-type') ?? '');
    if (bytes === undefined) {
      // A set-up mistake, not the caller's: a Server fault, with this reason logged.
      return Promise.reject(new Error('Switchboard: the request body was read by a middleware mounted before it and cannot be rebuilt'));
    }
    if (bytes.byteLength > limit) return Promise.reject(sbError('SB_BODY_TOO_LARGE', { limit }));
    return Promise.resolve(bytes);
  }
}

/** The bytes of a body a parser already read, or undefined when they cannot be rebuilt. */
export function bytesOf(parsed: unknown, contentType: string): Uint8Array | undefined {
  if (parsed instanceof Uint8Array) return parsed;
  if (typeof parsed === 'string') return Buffer.from(parsed);
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const type = contentType.split(';')[0].trim().toLowerCase();
  // JSON re-serialised means the same document (number spelling aside).
  if (type === 'application/json' || type.endsWith('+json')) return Buffer.from(JSON.stringify(parsed));
  if (type === 'application/x-www-form-urlencoded') return formBytes(parsed);
  return undefined;
}

/** A flat form (`extended: false`) rebuilt; a nested `qs` object cannot be, faithfully. */
function formBytes(parsed: object): Uint8Array | undefined {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value === 'string') form.append(key, value);
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) for (const v of value) form.append(key, v);
    else return undefined;
  }
  return Buffer.from(form.toString());
}
