/**
 * The WebSocket RPC's fault table: each error kind's frame `status` (HTTP's numbers) and WSME
 * `faultcode`. An error thrown with a status of its own (a handler's 422) keeps that status.
 */
import type { ErrorKind } from '../../errors/index.ts';

/** How one kind looks in an error frame. */
export interface WsRpcFault {
  readonly status: number;
  readonly faultcode: 'Client' | 'Server';
}

export const wsRpcFaults: Readonly<Record<ErrorKind, WsRpcFault>> = {
  client: { status: 400, faultcode: 'Client' },
  unauthenticated: { status: 401, faultcode: 'Client' },
  forbidden: { status: 403, faultcode: 'Client' },
  not_found: { status: 404, faultcode: 'Client' },
  method_not_allowed: { status: 405, faultcode: 'Client' },
  not_acceptable: { status: 406, faultcode: 'Client' },
  conflict: { status: 409, faultcode: 'Client' },
  precondition_failed: { status: 412, faultcode: 'Client' },
  too_large: { status: 413, faultcode: 'Client' },
  unsupported_media_type: { status: 415, faultcode: 'Client' },
  too_many_requests: { status: 429, faultcode: 'Client' },
  server: { status: 500, faultcode: 'Server' },
};
