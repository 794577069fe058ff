/**
 * SOAP faults. The code and the HTTP status come from SOAP's fault table (`faults.ts`). The
 * `detail` carries one namespaced entry, `<sb:fault xmlns:sb="urn:switchboard:fault">`, with the
 * stable error `<sb:code>` and, for a validation fault, `<sb:fields>` (the first 20); in debug
 * mode the stack comes first, as `<debuginfo>`, where it has always been. A SOAP 1.1
 * MustUnderstand fault has no `detail` (§4.4); its faultcode is as specific.
 */
import { listedFields } from '../../errors/fields.ts';
import { type SwitchboardError, debugInfo } from '../../errors/index.ts';
import type { SbResponse } from '../../runtime/http.ts';
import { escapeXmlAttr, escapeXmlText } from '../../schema/xmltext.ts';
import { faultHeaders } from '../challenge.ts';
import { soapFaults } from './faults.ts';
import { SOAP11, type SoapVersion } from './version.ts';

/** Codes SOAP defines beside Client/Server, for envelope-level problems. */
export type EnvelopeFaultCode = 'VersionMismatch' | 'MustUnderstand';

/** The namespace of the detail entry that carries the error code. */
export const FAULT_NS = 'urn:switchboard:fault';

/** The detail entries: the stack in debug mode, then the code (and fields) in `FAULT_NS`. */
function detailEntries(err: SwitchboardError, debug: boolean): string {
  const info = debug ? `<debuginfo>${escapeXmlText(debugInfo(err))}</debuginfo>` : '';
  const fields = listedFields(err);
  let list = '';
  if (fields) {
    for (const f of fields) list += `<sb:field path="${escapeXmlAttr(String(f.path))}">${escapeXmlText(String(f.message))}</sb:field>`;
    list = `<sb:fields>${list}</sb:fields>`;
  }
  return `${info}<sb:fault xmlns:sb="${FAULT_NS}"><sb:code>${escapeXmlText(err.code)}</sb:code>${list}</sb:fault>`;
}

/** The fault envelope's text. */
export function faultEnvelope(v: SoapVersion, err: SwitchboardError, debug: boolean, code?: EnvelopeFaultCode): string {
  const reason = escapeXmlText(err.message);
  const detail = detailEntries(err, debug);
  if (v === SOAP11) {
    const value = code ?? soapFaults[err.kind].soap11;
    // SOAP 1.1 §4.4: `detail` is about the Body and must not carry a header entry's error.
    const tail = code === 'MustUnderstand' ? '' : `<detail>${detail}</detail>`;
    return `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="${v.ns}"><soap:Body><soap:Fault><faultcode>soap:${value}</faultcode><faultstring>${reason}</faultstring>${tail}</soap:Fault></soap:Body></soap:Envelope>`;
  }
  const value = code ?? soapFaults[err.kind].soap12;
  return `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="${v.ns}"><soap:Body><soap:Fault><soap:Code><soap:Value>soap:${value}</soap:Value></soap:Code><soap:Reason><soap:Text xml:lang="en">${reason}</soap:Text></soap:Reason><soap:Detail>${detail}</soap:Detail></soap:Fault></soap:Body></soap:Envelope>`;
}

/** The fault as an HTTP answer, with the kind's status (500 but for 415) in the version's content type. */
export function faultResponse(v: SoapVersion, err: SwitchboardError, debug: boolean, code?: EnvelopeFaultCode): SbResponse {
  const headers = faultHeaders(err, { 'content-type': v.contentType });
  return { status: soapFaults[err.kind].status, headers, body: faultEnvelope(v, err, debug, code) };
}
