/**
 * REST's fault table (REST+JSON and REST+XML): each error kind's HTTP status and WSME
 * `faultcode`. An error thrown with a status of its own (a handler's 422) keeps that status.
 */
import { type ErrorKind, faultTable } from '../../errors/index.ts';

/** How one kind looks in a REST answer. */
export interface RestFault {
  readonly status: number;
  readonly faultcode: 'Client' | 'Server';
}

/** WSME's rule: the kind's own HTTP status; `Client` for the caller's faults, `Server` for the service's. */
export const restFaults: Readonly<Record<ErrorKind, RestFault>> = faultTable((_kind, info) => ({
  status: info.status,
  faultcode: info.client ? 'Client' : 'Server',
}));
