/**
 * Switchboard's own small request and response: what a server adapter builds from its
 * backend's raw request and writes back. Fields are read lazily by adapters where it pays.
 */
import type { RequestInfo } from '../api/context.ts';
import { sbError } from '../errors/index.ts';

export interface SbRequest extends RequestInfo {
  /**
   * The path the host application mounted Switchboard under, as the client wrote it (`/svc` for
   * Express's `app.use('/svc', …)` or Fastify's `prefix: '/svc'`), without a trailing slash;
   * `''` (or absent) when it answers at the root. `path` is below it. Documents that link back
   * to the service (the WSDL's address, the index page, api.js, OpenRPC) put it in front.
   */
  readonly mount?: string;
  /** True when the request carries a body (content-length > 0 or chunked). */
  readonly hasBody: boolean;
  /**
   * The whole body. Rejects with the `SB_BODY_TOO_LARGE` client error past `limit` bytes,
   * without reading the rest into memory.
   */
  body(limit: number): Promise<Uint8Array>;
  /**
   * The whole body, when the adapter read it before the app was asked (node:http does for a
   * small body with a declared length): a protocol takes it at once, without a promise.
   */
  readonly bodyNow?: Uint8Array;
}

/**
 * The body at once when the adapter holds it already (`bodyNow`), else the promise of it;
 * either way under `limit` bytes (`SB_BODY_TOO_LARGE` past it).
 */
export function bodyOf(req: SbRequest, limit: number): Uint8Array | Promise<Uint8Array> {
  const now = req.bodyNow;
  if (now === undefined) return req.body(limit);
  return now.byteLength > limit ? Promise.reject(sbError('SB_BODY_TOO_LARGE', { limit })) : now;
}

/** A chunk of a streamed response body. */
export type BodyChunk = string | Uint8Array;

export interface SbResponse {
  status: number;
  headers: Record<string, string>;
  /** A complete body, or a stream of chunks (Server-Sent Events and the like). */
  body: string | Uint8Array | null | AsyncIterable<BodyChunk>;
}
