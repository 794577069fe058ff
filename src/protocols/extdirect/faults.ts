/**
 * Ext Direct's fault table: the WSME `faultcode` of each error kind in an `exception` message.
 * A call's exception is answered with HTTP 200, beside the other calls of its batch; only a
 * request that holds no readable call gets the error's HTTP status.
 */
import type { ErrorKind } from '../../errors/index.ts';

/** How one kind looks in an Ext Direct exception message. */
export interface ExtDirectFault {
  readonly faultcode: 'Client' | 'Server';
}

export const extDirectFaults: Readonly<Record<ErrorKind, ExtDirectFault>> = {
  client: { faultcode: 'Client' },
  unauthenticated: { faultcode: 'Client' },
  forbidden: { faultcode: 'Client' },
  not_found: { faultcode: 'Client' },
  method_not_allowed: { faultcode: 'Client' },
  not_acceptable: { faultcode: 'Client' },
  conflict: { faultcode: 'Client' },
  precondition_failed: { faultcode: 'Client' },
  too_large: { faultcode: 'Client' },
  unsupported_media_type: { faultcode: 'Client' },
  too_many_requests: { faultcode: 'Client' },
  server: { faultcode: 'Server' },
};
