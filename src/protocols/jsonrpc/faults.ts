/**
 * JSON-RPC's fault table: the error code of each error kind raised by a call, and the WSME
 * `faultcode` put in `error.data`. The caller's faults are -32000 − (HTTP status − 400), in the
 * range the specification leaves to servers; the service's are -32603 (Internal error). The
 * specification's own codes for faults of the request itself (-32700, -32600, -32601, -32602,
 * `codes.ts`) are the protocol's, not the runtime's. Used over HTTP and over a WebSocket.
 */
import type { ErrorKind } from '../../errors/index.ts';

/** How one kind looks in a JSON-RPC error object. */
export interface JsonRpcFault {
  readonly code: number;
  readonly faultcode: 'Client' | 'Server';
}

export const jsonRpcFaults: Readonly<Record<ErrorKind, JsonRpcFault>> = {
  client: { code: -32000, faultcode: 'Client' },
  unauthenticated: { code: -32001, faultcode: 'Client' },
  forbidden: { code: -32003, faultcode: 'Client' },
  not_found: { code: -32004, faultcode: 'Client' },
  method_not_allowed: { code: -32005, faultcode: 'Client' },
  not_acceptable: { code: -32006, faultcode: 'Client' },
  conflict: { code: -32009, faultcode: 'Client' },
  precondition_failed: { code: -32012, faultcode: 'Client' },
  too_large: { code: -32013, faultcode: 'Client' },
  unsupported_media_type: { code: -32015, faultcode: 'Client' },
  too_many_requests: { code: -32029, faultcode: 'Client' },
  server: { code: -32603, faultcode: 'Server' },
};
