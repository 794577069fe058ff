import type { ErrorKind } from './catalog.ts';

/** How one error kind looks in each protocol. */
export interface FaultMapping {
  /** HTTP status for REST protocols and the WebSocket frame status. */
  readonly status: number;
  /** WSME fault code (REST+JSON, REST+XML, SOAP 1.1). */
  readonly faultcode: 'Client' | 'Server';
  /** SOAP 1.2 fault code. */
  readonly soap12: 'Sender' | 'Receiver';
  /**
   * JSON-RPC 2.0 error code of an error raised by a call: -32000 − (HTTP status − 400) for the
   * caller's faults, -32603 (Internal error) for the server's. The spec's own codes for faults of
   * the request itself (-32700, -32600, -32601, -32602) are the protocol's, not the runtime's.
   */
  readonly jsonrpc: number;
}

/** The one table from the runtime's error kinds to each protocol's fault. */
export const faultTable: Readonly<Record<ErrorKind, FaultMapping>> = {
  client: { status: 400, faultcode: 'Client', soap12: 'Sender', jsonrpc: -32000 },
  not_found: { status: 404, faultcode: 'Client', soap12: 'Sender', jsonrpc: -32004 },
  method_not_allowed: { status: 405, faultcode: 'Client', soap12: 'Sender', jsonrpc: -32005 },
  not_acceptable: { status: 406, faultcode: 'Client', soap12: 'Sender', jsonrpc: -32006 },
  unsupported_media_type: { status: 415, faultcode: 'Client', soap12: 'Sender', jsonrpc: -32015 },
  too_large: { status: 413, faultcode: 'Client', soap12: 'Sender', jsonrpc: -32013 },
  unauthorized: { status: 401, faultcode: 'Client', soap12: 'Sender', jsonrpc: -32001 },
  forbidden: { status: 403, faultcode: 'Client', soap12: 'Sender', jsonrpc: -32003 },
  conflict: { status: 409, faultcode: 'Client', soap12: 'Sender', jsonrpc: -32009 },
  server: { status: 500, faultcode: 'Server', soap12: 'Receiver', jsonrpc: -32603 },
};
