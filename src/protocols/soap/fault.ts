/**
 * SOAP faults. The code comes from the one error table (`faultTable`: `Client`/`Server` for
 * 1.1, `Sender`/`Receiver` for 1.2); the stack goes in `detail` only in debug mode. Every
 * fault is sent with HTTP 500, as WS-I Basic Profile 1.1 asks (R1126), in both versions (SOAP
 * 1.2's binding would allow 400 for Sender faults): one status, and the envelope says whose.
 */
import { type SwitchboardError, debugInfo } from '../../errors/index.ts';
import { faultTable } from '../../errors/table.ts';
import type { SbResponse } from '../../runtime/http.ts';
import { escapeXmlText } from '../../schema/xmltext.ts';
import { SOAP11, type SoapVersion } from './version.ts';

/** Codes SOAP defines beside Client/Server, for envelope-level problems. */
export type EnvelopeFaultCode = 'VersionMismatch' | 'MustUnderstand';

/** The fault envelope's text. */
export function faultEnvelope(v: SoapVersion, err: SwitchboardError, debug: boolean, code?: EnvelopeFaultCode): string {
  const info = debug ? `<debuginfo>${escapeXmlText(debugInfo(err))}</debuginfo>` : '';
  const reason = escapeXmlText(err.message);
  if (v === SOAP11) {
    const value = code ?? faultTable[err.kind].faultcode;
    const detail = info ? `<detail>${info}</detail>` : '';
    return `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="${v.ns}"><soap:Body><soap:Fault><faultcode>soap:${value}</faultcode><faultstring>${reason}</faultstring>${detail}</soap:Fault></soap:Body></soap:Envelope>`;
  }
  const value = code ?? faultTable[err.kind].soap12;
  const detail = info ? `<soap:Detail>${info}</soap:Detail>` : '';
  return `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="${v.ns}"><soap:Body><soap:Fault><soap:Code><soap:Value>soap:${value}</soap:Value></soap:Code><soap:Reason><soap:Text xml:lang="en">${reason}</soap:Text></soap:Reason>${detail}</soap:Fault></soap:Body></soap:Envelope>`;
}

/** The fault as an HTTP answer: always 500, in the version's content type. */
export function faultResponse(v: SoapVersion, err: SwitchboardError, debug: boolean, code?: EnvelopeFaultCode): SbResponse {
  return { status: 500, headers: { 'content-type': v.contentType }, body: faultEnvelope(v, err, debug, code) };
}
