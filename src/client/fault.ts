/** A fault the server answered, as a typed client throws it. */

/** The server refused or failed a call: its HTTP (or frame) status, stable code and message. */
export class SwitchboardFault extends Error {
  override readonly name = 'SwitchboardFault';
  /** `Client` for the caller's mistakes, `Server` for the service's. */
  readonly faultcode: 'Client' | 'Server';
  constructor(
    /** The status: the HTTP status, or the frame's. */
    readonly status: number,
    /** The stable error code, e.g. `SB_INVALID_INPUT`. */
    readonly code: string,
    /** The server's message. */
    readonly faultstring: string,
    /** The invalid fields, for a fault about the input. */
    readonly fields: readonly { readonly path: string; readonly message: string }[] = [],
  ) {
    super(faultstring);
    this.faultcode = status >= 500 ? 'Server' : 'Client';
  }
}

/** The fault of a WSME fault document (`{faultcode, faultstring, code, fields}`) answered with `status`. */
export function faultOf(status: number, body: unknown): SwitchboardFault {
  const f = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const fields = Array.isArray(f.fields) ? (f.fields as { path: string; message: string }[]) : [];
  const text = typeof f.faultstring === 'string' ? f.faultstring : typeof f.message === 'string' ? f.message : `HTTP ${status}`;
  return new SwitchboardFault(status, typeof f.code === 'string' ? f.code : 'SB_UNKNOWN', text, fields);
}
