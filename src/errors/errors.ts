import { type ErrorCode, catalog, formatMessage } from './catalog.ts';
import { type ErrorKind, errorKinds, kindForStatus } from './kinds.ts';

/**
 * Brand shared by every copy of the package: an app may load its handlers from source and the
 * runtime from `dist` (or two installed versions), and `instanceof` would then misread a
 * handler's ClientError as a server fault.
 */
const BRAND = Symbol.for('switchboard.error');

/** One field's validation error: where, and what is wrong. */
export interface FieldError {
  readonly path: string;
  readonly message: string;
}

/** What a thrower may add to an error beyond its kind, code, message and status. */
export interface ErrorOptions {
  /**
   * The `WWW-Authenticate` challenge sent with the fault over HTTP, e.g.
   * `Bearer error="invalid_token", error_description="The token expired"`. Defaults to the
   * kind's (`Bearer` for `unauthenticated`); a 403 may carry one too (RFC 6750 `insufficient_scope`).
   */
  readonly challenge?: string;
  /** The field errors a validation found, listed in the fault (the first 20). */
  readonly fields?: readonly FieldError[];
}

/** The one error class of the runtime: a kind (how protocols map it), a stable code, a message. */
export class SwitchboardError extends Error {
  static override [Symbol.hasInstance](v: unknown): boolean {
    // Subclasses keep the ordinary prototype check.
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class instanceof was asked of
    if (this !== SwitchboardError) return Function.prototype[Symbol.hasInstance].call(this, v);
    return typeof v === 'object' && v !== null && (v as { [BRAND]?: boolean })[BRAND] === true;
  }
  readonly [BRAND] = true;
  readonly kind: ErrorKind;
  readonly code: string;
  /** HTTP status: the kind's own unless the thrower chose another one of the same class. */
  readonly status: number;
  readonly params: Record<string, unknown>;
  /** `WWW-Authenticate` value for HTTP faults; see {@link ErrorOptions.challenge}. */
  readonly challenge?: string;
  /** The field errors a validation found (path and message each); absent when there are none. */
  fields?: readonly FieldError[];

  constructor(kind: ErrorKind, code: string, message: string, status?: number, params: Record<string, unknown> = {}, options: ErrorOptions = {}) {
    super(message);
    this.name = 'SwitchboardError';
    this.kind = kind;
    this.code = code;
    this.status = status ?? errorKinds[kind].status;
    this.params = params;
    const challenge = options.challenge ?? errorKinds[kind].challenge;
    if (challenge !== undefined) this.challenge = headerSafe(challenge);
    if (options.fields !== undefined) this.fields = options.fields;
  }

  /** True for errors the caller caused (4xx). */
  get isClient(): boolean {
    return errorKinds[this.kind].client;
  }
}

/** Raises a catalogued framework error. */
export function sbError(code: ErrorCode, params: Record<string, unknown> = {}, status?: number, options?: ErrorOptions): SwitchboardError {
  return new SwitchboardError(catalog[code].kind, code, formatMessage(code, params), status, params, options);
}

/**
 * A challenge may quote text from elsewhere (a token's error); a header value cannot hold
 * control characters or anything past Latin-1, and a line break would split the response.
 */
function headerSafe(value: string): string {
  return value.replace(/[^\t\x20-\x7e\x80-\xff]/g, ' ');
}

/** Options of {@link ClientError}. */
export interface ClientErrorOptions extends ErrorOptions {
  /** A 4xx status (default 400); it picks the kind: 401 unauthenticated, 404 not found, 409 conflict, 412, 429… */
  readonly status?: number;
  /** The stable code the caller sees (default `SB_CLIENT_ERROR`). */
  readonly code?: string;
}

/**
 * Thrown by a handler to report the caller's mistake: it becomes a Client fault (HTTP 400 unless
 * another 4xx status is given) with this message, in every protocol.
 *
 * @example
 * throw new ClientError('The token expired', { status: 401, challenge: 'Bearer error="invalid_token"' });
 */
export class ClientError extends SwitchboardError {
  constructor(message: string, options: ClientErrorOptions = {}) {
    // A client fault is a 4xx; anything else asked for would mislabel it, so it falls back to 400.
    const status = options.status !== undefined && Number.isInteger(options.status) && options.status >= 400 && options.status < 500 ? options.status : 400;
    super(kindForStatus(status), options.code ?? 'SB_CLIENT_ERROR', message, status, {}, options);
    this.name = 'ClientError';
  }
}

/** Thrown by a handler when something it depends on is missing (404). */
export class NotFoundError extends ClientError {
  constructor(message: string) {
    super(message, { status: 404 });
    this.name = 'NotFoundError';
  }
}

/**
 * Turns anything thrown into a SwitchboardError. Unknown errors become a generic Server error;
 * the original is kept as `cause` so debug mode can show it and logs can record it.
 */
export function toSwitchboardError(err: unknown): SwitchboardError {
  if (err instanceof SwitchboardError) return err;
  const e = sbError('SB_SERVER_ERROR');
  (e as { cause?: unknown }).cause = err;
  return e;
}

/** The stack shown in debug mode: the original cause's when there is one. */
export function debugInfo(err: SwitchboardError): string {
  const cause = (err as { cause?: unknown }).cause;
  if (cause instanceof Error) return cause.stack ?? String(cause);
  if (cause !== undefined) return String(cause);
  return err.stack ?? err.message;
}
