import { type ErrorCode, type ErrorKind, catalog, formatMessage } from './catalog.ts';
import { faultTable } from './table.ts';

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
  /** Every field error a validation found (at most 20), the first being the one the message names. */
  fields?: readonly FieldError[];

  constructor(kind: ErrorKind, code: string, message: string, status?: number, params: Record<string, unknown> = {}) {
    super(message);
    this.name = 'SwitchboardError';
    this.kind = kind;
    this.code = code;
    this.status = status ?? faultTable[kind].status;
    this.params = params;
  }

  /** True for errors the caller caused (4xx). */
  get isClient(): boolean {
    return faultTable[this.kind].faultcode === 'Client';
  }
}

/** Raises a catalogued framework error. */
export function sbError(code: ErrorCode, params: Record<string, unknown> = {}, status?: number): SwitchboardError {
  return new SwitchboardError(catalog[code].kind, code, formatMessage(code, params), status, params);
}

/**
 * Thrown by a handler to report the caller's mistake: it becomes a Client fault (HTTP 400 unless
 * another 4xx status is given) with this message, in every protocol.
 */
export class ClientError extends SwitchboardError {
  constructor(message: string, options: { status?: number; code?: string } = {}) {
    // A client fault is a 4xx; anything else asked for would mislabel it, so it falls back to 400.
    const status = options.status !== undefined && Number.isInteger(options.status) && options.status >= 400 && options.status < 500 ? options.status : 400;
    super(kindForStatus(status), options.code ?? 'SB_CLIENT_ERROR', message, status);
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

function kindForStatus(status: number): ErrorKind {
  switch (status) {
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 405:
      return 'method_not_allowed';
    case 406:
      return 'not_acceptable';
    case 409:
      return 'conflict';
    case 413:
      return 'too_large';
    case 415:
      return 'unsupported_media_type';
    default:
      return 'client';
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
