/**
 * REST's fault table (REST+JSON and REST+XML): each error kind's HTTP status and WSME
 * `faultcode`. An error thrown with a status of its own (a handler's 422) keeps that status.
 */
import type { ErrorKind } from '../../errors/index.ts';

/** How one kind looks in a REST answer. */
export interface RestFault {
  readonly status: number;
  readonly faultcode: 'Client' | 'Server';
}

export const restFaults: Readonly<Record<ErrorKind, RestFault>> = {
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
