/**
 * SOAP, document/literal wrapped, as both versions send it: one POST to the webpath with the
 * operation element (`kAll` for `k.all`) in the types namespace holding one element per
 * argument. SOAP 1.1 names the action in `SOAPAction`, 1.2 in the content type. A result is
 * `<kAllResponse><result>`; every fault is HTTP 500 with the version's own Fault form.
 */
import assert from 'node:assert/strict';
import type { TSchema } from '@sinclair/typebox';
import { schemasOf } from '../kitchen.ts';
import { type Answer, type Driver, type Value, authHeaders, noPositional, readCode } from '../model.ts';
import { type El, XSI, child, parseXml, readValue, writeValue } from '../xml.ts';
import { type HttpAnswer, challenged, kitchenHttp, post } from './serve.ts';

export type SoapVersion = '1.1' | '1.2';

const VERSIONS = {
  '1.1': { ns: 'http://schemas.xmlsoap.org/soap/envelope/', type: 'text/xml', client: 'Client', server: 'Server' },
  '1.2': { ns: 'http://www.w3.org/2003/05/soap-envelope', type: 'application/soap+xml', client: 'Sender', server: 'Receiver' },
} as const;
/** The kitchen's types namespace: `urn:<api name>:types`, the protocol's default. */
const TYPES = 'urn:pc:types';
/** Where the stable code travels: `<detail><sb:fault xmlns:sb="urn:switchboard:fault"><sb:code>`. */
const FAULT_NS = 'urn:switchboard:fault';

/** WSME's operation name: `k.all` → `kAll`. */
export const operationOf = (fn: string) =>
  fn
    .split('.')
    .map((p, i) => (i === 0 ? p : p.charAt(0).toUpperCase() + p.slice(1)))
    .join('');

function readFault(version: SoapVersion, body: El, text: string, codes: boolean, where: string): Answer {
  const v = VERSIONS[version];
  const f = child(body, 'Fault');
  assert.ok(f && f.ns === v.ns, `${where}: no Fault in ${text}`);
  const codeText = version === '1.1' ? child(f, 'faultcode')?.text : child(child(f, 'Code') ?? f, 'Value')?.text;
  const reason = version === '1.1' ? child(f, 'faultstring')?.text : child(child(f, 'Reason') ?? f, 'Text')?.text;
  const local = codeText?.split(':').pop();
  assert.ok(local === v.client || local === v.server, `${where}: fault code ${codeText}`);
  assert.equal(typeof reason, 'string', `${where}: fault reason`);
  const detail = child(f, version === '1.1' ? 'detail' : 'Detail');
  assert.ok(!detail?.children.some((c) => c.local === 'debuginfo'), `${where}: debuginfo outside debug mode`);
  const entry = detail?.children.find((c) => c.ns === FAULT_NS && c.local === 'fault');
  const code = entry ? child(entry, 'code')?.text : undefined;
  return {
    kind: 'fault',
    fault: {
      side: local === v.client ? 'client' : 'server',
      status: undefined,
      message: reason!,
      code: readCode(code, codes, where),
      wire: text,
      form: codeText!,
    },
  };
}

/** A SOAP answer to operation `op`, its envelope checked; `returns` types the `<result>`. */
export function readSoap(version: SoapVersion, op: string, a: HttpAnswer, returns: TSchema | undefined, codes: boolean, where: string): Answer {
  const v = VERSIONS[version];
  assert.ok(a.contentType.startsWith(v.type), `${where}: content type ${a.contentType}`);
  const doc = parseXml(a.text);
  assert.ok(doc.ns === v.ns && doc.local === 'Envelope', `${where}: not a SOAP ${version} envelope: ${a.text}`);
  const body = child(doc, 'Body');
  assert.ok(body && body.ns === v.ns, `${where}: no Body: ${a.text}`);
  // A fault is 500 (WS-I R1126), but for HTTP's own refusals: 401/403 (auth) and 415.
  if (a.status === 500 || a.status === 401 || a.status === 403 || a.status === 415) return readFault(version, body, a.text, codes, where);
  assert.equal(a.status, 200, `${where}: HTTP ${a.status}`);
  const response = body.children[0];
  assert.ok(response && response.ns === TYPES && response.local === `${op}Response`, `${where}: no ${op}Response: ${a.text}`);
  const result = child(response, 'result');
  return { kind: 'value', value: result && returns ? readValue(result, returns) : undefined, status: undefined };
}

export function soapDriver(version: SoapVersion): Driver {
  const v = VERSIONS[version];
  const name = `SOAP ${version}`;
  const server = kitchenHttp();
  const carries = {
    // Its faults carry the stable code (`<sb:code>` in the fault's detail).
    codes: true,
    // A SOAP fault is HTTP 500 (WS-I BP R1126) but for 401/403/415: the fault tells whose, not which status.
    statuses: false,
    streams: false,
    positional: false,
    successStatus: false,
    int64: true,
    notFoundCode: 'SB_SOAP_UNKNOWN_OPERATION',
    // Its 401/403 faults are HTTP's own, with their challenge.
    challenges: true,
  };
  return {
    name,
    protocol: 'soap',
    carries,
    start: server.start,
    close: server.close,
    async call(fn, args, options) {
      const op = operationOf(fn);
      const schemas = schemasOf(fn);
      const params = Object.entries(args)
        .map(([k, x]) => writeValue(x as Value, k, schemas.args[k], 'xsi'))
        .join('');
      const envelope = `<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="${v.ns}"><s:Body><${op} xmlns="${TYPES}" xmlns:xsi="${XSI}">${params}</${op}></s:Body></s:Envelope>`;
      const headers: Record<string, string> = {
        ...authHeaders(options),
        ...(version === '1.1'
          ? { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${op}"` }
          : { 'content-type': `application/soap+xml; charset=utf-8; action="${op}"` }),
      };
      const a = await post(server.http, headers, envelope);
      return challenged(readSoap(version, op, a, schemas.returns, carries.codes, `${name} ${fn}`), a);
    },
    callPositional: () => noPositional(name),
  };
}
