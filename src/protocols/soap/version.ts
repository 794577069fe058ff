/**
 * The two SOAP versions one endpoint answers: each has its envelope namespace, its content
 * type, and its way of naming the fault's code and of carrying the action.
 */

export const SOAP11_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const SOAP12_NS = 'http://www.w3.org/2003/05/soap-envelope';

export interface SoapVersion {
  readonly name: '1.1' | '1.2';
  /** Envelope namespace. */
  readonly ns: string;
  /** Request body media type. */
  readonly mediaType: string;
  /** Content type of the answers. */
  readonly contentType: string;
}

export const SOAP11: SoapVersion = {
  name: '1.1',
  ns: SOAP11_NS,
  mediaType: 'text/xml',
  contentType: 'text/xml; charset=utf-8',
};

export const SOAP12: SoapVersion = {
  name: '1.2',
  ns: SOAP12_NS,
  mediaType: 'application/soap+xml',
  contentType: 'application/soap+xml; charset=utf-8',
};

/** The version whose envelope namespace this is. */
export function versionOfNamespace(ns: string): SoapVersion | undefined {
  return ns === SOAP11_NS ? SOAP11 : ns === SOAP12_NS ? SOAP12 : undefined;
}
