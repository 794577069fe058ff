/**
 * The WebSocket RPC's fault table: each error kind's frame `status` (HTTP's numbers) and WSME
 * `faultcode`. An error thrown with a status of its own (a handler's 422) keeps that status.
 */
import { type ErrorKind, type StatusFault, statusFaults } from '../../errors/index.ts';

/** How one kind looks in an error frame. */
export type WsRpcFault = StatusFault;

/** WSME's rule (`statusFaults`), shared with the other protocols that answer with HTTP statuses. */
export const wsRpcFaults: Readonly<Record<ErrorKind, WsRpcFault>> = statusFaults;
