/** Raw SOAP over fetch, for tests that need to send exactly the envelope they mean. */

export const SOAP11_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const SOAP12_NS = 'http://www.w3.org/2003/05/soap-envelope';

export type Version = '1.1' | '1.2';

/** An envelope around `body` (and `header`), with the prefix `s` for the envelope namespace. */
export function envelope(version: Version, body: string, header?: string): string {
  const ns = version === '1.1' ? SOAP11_NS : SOAP12_NS;
  const h = header === undefined ? '' : `<s:Header>${header}</s:Header>`;
  return `<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="${ns}">${h}<s:Body>${body}</s:Body></s:Envelope>`;
}

export interface SoapAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
}

/**
 * POSTs an envelope as SOAP 1.1 (`text/xml` + `SOAPAction`) or 1.2 (`application/soap+xml`
 * with `action`). `action: null` leaves the action out.
 */
export async function soapPost(
  url: string,
  version: Version,
  text: string,
  action: string | null = '',
  headers: Record<string, string> = {},
): Promise<SoapAnswer> {
  const h: Record<string, string> =
    version === '1.1'
      ? { 'content-type': 'text/xml; charset=utf-8', ...(action === null ? {} : { soapaction: `"${action}"` }) }
      : { 'content-type': `application/soap+xml; charset=utf-8${action ? `; action="${action}"` : ''}` };
  const r = await fetch(url, { method: 'POST', headers: { ...h, ...headers }, body: text });
  return { status: r.status, contentType: r.headers.get('content-type') ?? '', text: await r.text() };
}

/** The fault code (`soap:Client`…) and reason of a fault envelope, read with regular expressions. */
export function faultOf(text: string): { code: string; reason: string } | undefined {
  const code = /<faultcode>([^<]*)<\/faultcode>|<soap:Value>([^<]*)<\/soap:Value>/.exec(text);
  const reason = /<faultstring>([^<]*)<\/faultstring>|<soap:Text[^>]*>([^<]*)<\/soap:Text>/.exec(text);
  if (!code || !reason) return undefined;
  return { code: code[1] ?? code[2], reason: reason[1] ?? reason[2] };
}
