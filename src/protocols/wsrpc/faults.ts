/**
 * The WebSocket RPC's fault table: each error kind's frame `status` (HTTP's numbers) and WSME
 * `faultcode`. An error thrown with a status of its own (a handler's 422) keeps that status.
 */
import { type ErrorKind, faultTable } from '../../errors/index.ts';

/** How one kind looks in an error frame. */
export interface WsRpcFault {
  readonly status: number;
  readonly faultcode: 'Client' | 'Server';
}

/** WSME's rule: the kind's own HTTP status; `Client` for the caller's faults, `Server` for the service's. */
export const wsRpcFaults: Readonly<Record<ErrorKind, WsRpcFault>> = faultTable((_kind, info) => ({
  status: info.status,
  faultcode: info.client ? 'Client' : 'Server',
}));
