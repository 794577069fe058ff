/**
 * JSON-RPC's fault table: the error code of each error kind raised by a call, and the WSME
 * `faultcode` put in `error.data`. The caller's faults are -32000 − (HTTP status − 400), in the
 * range the specification leaves to servers; the service's are -32603 (Internal error). The
 * specification's own codes for faults of the request itself (-32700, -32600, -32601, -32602,
 * `codes.ts`) are the protocol's, not the runtime's. Used over HTTP and over a WebSocket.
 */
import { type ErrorKind, faultTable } from '../../errors/index.ts';

/** How one kind looks in a JSON-RPC error object. */
export interface JsonRpcFault {
  readonly code: number;
  readonly faultcode: 'Client' | 'Server';
}

// Built from the kinds (the rule above), so that a new kind has its code here without a new row.
export const jsonRpcFaults: Readonly<Record<ErrorKind, JsonRpcFault>> = faultTable((_kind, info) =>
  info.client ? { code: -32000 - (info.status - 400), faultcode: 'Client' } : { code: -32603, faultcode: 'Server' },
);
