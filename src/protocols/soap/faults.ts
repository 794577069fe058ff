/**
 * SOAP's fault table: each error kind's SOAP 1.1 `faultcode`, SOAP 1.2 `Code/Value` and HTTP
 * status. Every fault is sent with HTTP 500, as WS-I Basic Profile 1.1 asks (R1126), in both
 * versions (SOAP 1.2's binding would allow 400 for Sender faults): one status, and the envelope
 * says whose. The exceptions are a body of a type the binding does not use: 415 (R1124), and
 * the refusals of authentication and authorisation: 401 and 403, as HTTP's own.
 */
import { type ErrorKind, faultTable } from '../../errors/index.ts';

/** How one kind looks in a SOAP fault. */
export interface SoapFault {
  readonly soap11: 'Client' | 'Server';
  readonly soap12: 'Sender' | 'Receiver';
  readonly status: number;
}

// HTTP's own refusals stay HTTP's: 401/403 (with WWW-Authenticate) so that HTTP clients and
// proxies see them, as Cloud Endpoints answers; 415 for a body the binding does not use (R1124).
const HTTP_STATUS: Partial<Record<ErrorKind, number>> = { unauthenticated: 401, forbidden: 403, unsupported_media_type: 415 };

// Built from the kinds, so that a new kind has its row here without being written again.
export const soapFaults: Readonly<Record<ErrorKind, SoapFault>> = faultTable((kind, info) => ({
  soap11: info.client ? 'Client' : 'Server',
  soap12: info.client ? 'Sender' : 'Receiver',
  status: HTTP_STATUS[kind] ?? 500,
}));
