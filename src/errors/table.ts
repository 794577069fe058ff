import type { ErrorKind } from './catalog.ts';

/** How one error kind looks in each protocol. */
export interface FaultMapping {
  /** HTTP status for REST protocols and the WebSocket frame status. */
  readonly status: number;
  /** WSME fault code (REST+JSON, REST+XML, SOAP 1.1). */
  readonly faultcode: 'Client' | 'Server';
  /** SOAP 1.2 fault code. */
  readonly soap12: 'Sender' | 'Receiver';
  /** JSON-RPC 2.0 error code (application errors are in the -32000 range). */
  readonly jsonrpc: number;
}

/** The one table from the runtime's error kinds to each protocol's fault. */
export const faultTable: Readonly<Record<ErrorKind, FaultMapping>> = {
  client: { status: 400, faultcode: 'Client', soap12: 'Sender', jsonrpc: -32000 },
  not_found: { status: 404, faultcode: 'Client', soap12: 'Sender', jsonrpc: -32601 },
  method_not_allowed: { status: 405, faultcode: 'Client', soap12: 'Sender', jsonrpc: -32600 },
  not_acceptable: { status: 406, faultcode: 'Client', soap12: 'Sender', jsonrpc: -32600 },
  unsupported_media_type: { status: 415, faultcode: 'Client', soap12: 'Sender', jsonrpc: -32600 },
  too_large: { status: 413, faultcode: 'Client', soap12: 'Sender', jsonrpc: -32600 },
  unauthorized: { status: 401, faultcode: 'Client', soap12: 'Sender', jsonrpc: -32001 },
  forbidden: { status: 403, faultcode: 'Client', soap12: 'Sender', jsonrpc: -32003 },
  conflict: { status: 409, faultcode: 'Client', soap12: 'Sender', jsonrpc: -32009 },
  server: { status: 500, faultcode: 'Server', soap12: 'Receiver', jsonrpc: -32603 },
};
