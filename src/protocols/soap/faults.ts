/**
 * SOAP's fault table: each error kind's SOAP 1.1 `faultcode`, SOAP 1.2 `Code/Value` and HTTP
 * status. Every fault is sent with HTTP 500, as WS-I Basic Profile 1.1 asks (R1126), in both
 * versions (SOAP 1.2's binding would allow 400 for Sender faults): one status, and the envelope
 * says whose. The exception is a body of a type the binding does not use: 415 (R1124).
 */
import type { ErrorKind } from '../../errors/index.ts';

/** How one kind looks in a SOAP fault. */
export interface SoapFault {
  readonly soap11: 'Client' | 'Server';
  readonly soap12: 'Sender' | 'Receiver';
  readonly status: number;
}

export const soapFaults: Readonly<Record<ErrorKind, SoapFault>> = {
  client: { soap11: 'Client', soap12: 'Sender', status: 500 },
  unauthenticated: { soap11: 'Client', soap12: 'Sender', status: 500 },
  forbidden: { soap11: 'Client', soap12: 'Sender', status: 500 },
  not_found: { soap11: 'Client', soap12: 'Sender', status: 500 },
  method_not_allowed: { soap11: 'Client', soap12: 'Sender', status: 500 },
  not_acceptable: { soap11: 'Client', soap12: 'Sender', status: 500 },
  conflict: { soap11: 'Client', soap12: 'Sender', status: 500 },
  precondition_failed: { soap11: 'Client', soap12: 'Sender', status: 500 },
  too_large: { soap11: 'Client', soap12: 'Sender', status: 500 },
  unsupported_media_type: { soap11: 'Client', soap12: 'Sender', status: 415 },
  too_many_requests: { soap11: 'Client', soap12: 'Sender', status: 500 },
  server: { soap11: 'Server', soap12: 'Receiver', status: 500 },
};
