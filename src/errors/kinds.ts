/**
 * The error kinds of the runtime and what is protocol-neutral about each: its HTTP status and
 * whether the caller caused it. How a kind looks on a wire is each protocol's own fault table,
 * kept beside the protocol (`src/protocols/<protocol>/faults.ts`).
 */

/** What every protocol agrees on about one error kind. */
export interface KindInfo {
  /** HTTP status, unless the thrower chose another of the same class (a 4xx for a client kind). */
  readonly status: number;
  /** True when the caller caused it (a 4xx), false for the service's own faults. */
  readonly client: boolean;
  /** `WWW-Authenticate` challenge sent with the kind over HTTP, unless the thrower gives its own. */
  readonly challenge?: string;
}

/** The error kinds of the runtime; each protocol maps them through its own fault table. */
export type ErrorKind =
  | 'client'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'not_acceptable'
  | 'conflict'
  | 'precondition_failed'
  | 'too_large'
  | 'unsupported_media_type'
  | 'too_many_requests'
  | 'server';

/** Each kind's HTTP status and whose fault it is. */
export const errorKinds: Readonly<Record<ErrorKind, KindInfo>> = {
  client: { status: 400, client: true },
  unauthenticated: { status: 401, client: true, challenge: 'Bearer' },
  forbidden: { status: 403, client: true },
  not_found: { status: 404, client: true },
  method_not_allowed: { status: 405, client: true },
  not_acceptable: { status: 406, client: true },
  conflict: { status: 409, client: true },
  precondition_failed: { status: 412, client: true },
  too_large: { status: 413, client: true },
  unsupported_media_type: { status: 415, client: true },
  too_many_requests: { status: 429, client: true },
  server: { status: 500, client: false },
};

const byStatus = new Map(Object.entries(errorKinds).map(([kind, info]) => [info.status, kind as ErrorKind]));

/** The kind of a client fault with this HTTP status (`client` for a 4xx without a kind of its own). */
export function kindForStatus(status: number): ErrorKind {
  return byStatus.get(status) ?? 'client';
}

/**
 * A protocol's fault table, built from what it says of each kind (so a new kind is a compile
 * error nowhere and a row everywhere): `faultTable((kind, info) => ({ status: info.status }))`.
 */
export function faultTable<T>(row: (kind: ErrorKind, info: KindInfo) => T): Readonly<Record<ErrorKind, T>> {
  const out = {} as Record<ErrorKind, T>;
  for (const kind of Object.keys(errorKinds) as ErrorKind[]) out[kind] = row(kind, errorKinds[kind]);
  return Object.freeze(out);
}

/** A fault as HTTP status and WSME `faultcode`, the form REST and the WebSocket RPC both answer in. */
export interface StatusFault {
  readonly status: number;
  readonly faultcode: 'Client' | 'Server';
}

/** WSME's rule: the kind's own HTTP status; `Client` for the caller's faults, `Server` for the service's. */
export const statusFaults: Readonly<Record<ErrorKind, StatusFault>> = faultTable((_kind, info) => ({
  status: info.status,
  faultcode: info.client ? 'Client' : 'Server',
}));
