import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ClientError, sbError } from '../../errors/index.ts';
import { parseXml } from '../../schema/xmltext.ts';
import { FAULT_NS, faultEnvelope, faultResponse } from './fault.ts';
import { soapFaults } from './faults.ts';
import { SOAP11, SOAP12 } from './version.ts';

const CODE = `<sb:fault xmlns:sb="${FAULT_NS}"><sb:code>SB_CLIENT_ERROR</sb:code></sb:fault>`;

describe('SOAP faults', () => {
  it('1.1: faultcode soap:Client/soap:Server and faultstring, escaped, and the code in detail', () => {
    const text = faultEnvelope(SOAP11, new ClientError('a < b & c'), false);
    assert.match(text, /<soap:Fault><faultcode>soap:Client<\/faultcode><faultstring>a &lt; b &amp; c<\/faultstring><detail>/);
    assert.ok(text.includes(`<detail>${CODE}</detail></soap:Fault>`));
    assert.match(faultEnvelope(SOAP11, sbError('SB_SERVER_ERROR'), false), /<faultcode>soap:Server<\/faultcode>/);
  });

  it('1.2: Code/Value soap:Sender/soap:Receiver and Reason/Text with xml:lang, and the code in Detail', () => {
    const text = faultEnvelope(SOAP12, new ClientError('Unknown ID'), false);
    assert.match(
      text,
      /<soap:Code><soap:Value>soap:Sender<\/soap:Value><\/soap:Code><soap:Reason><soap:Text xml:lang="en">Unknown ID<\/soap:Text><\/soap:Reason>/,
    );
    assert.ok(text.includes(`<soap:Detail>${CODE}</soap:Detail></soap:Fault>`));
    assert.match(faultEnvelope(SOAP12, sbError('SB_SERVER_ERROR'), false), /soap:Receiver/);
  });

  it('envelope-level codes, debuginfo only in debug, HTTP 500', () => {
    assert.match(faultEnvelope(SOAP12, new ClientError('x'), false, 'MustUnderstand'), /<soap:Value>soap:MustUnderstand<\/soap:Value>/);
    assert.ok(!faultEnvelope(SOAP11, new ClientError('x'), false).includes('debuginfo'));
    assert.match(faultEnvelope(SOAP11, new ClientError('x'), true), /<detail><debuginfo>ClientError: x/);
    assert.match(faultEnvelope(SOAP12, new ClientError('x'), true), /<soap:Detail><debuginfo>/);
    const r = faultResponse(SOAP12, new ClientError('x', { status: 404 }), false);
    assert.deepEqual([r.status, r.headers['content-type']], [500, 'application/soap+xml; charset=utf-8']);
  });

  it('a SOAP 1.1 MustUnderstand fault has no detail (§4.4: detail is about the Body)', () => {
    const err = sbError('SB_SOAP_MUST_UNDERSTAND', { header: '{urn:x}h' });
    assert.ok(!faultEnvelope(SOAP11, err, false, 'MustUnderstand').includes('detail'));
    assert.ok(faultEnvelope(SOAP12, err, false, 'MustUnderstand').includes('<sb:code>SB_SOAP_MUST_UNDERSTAND</sb:code>'));
  });

  it('the detail entry is one namespaced element holding the code and the field errors (at most 20), escaped', () => {
    const fields = Array.from({ length: 25 }, (_, i) => ({ path: `p[${i}]."a"`, message: `must be < ${i}` }));
    for (const v of [SOAP11, SOAP12]) {
      const root = parseXml(faultEnvelope(v, new ClientError('bad', { fields }), true));
      const fault = root.children[0].children[0];
      const detail = fault.children.find((c) => c.local === 'detail' || c.local === 'Detail');
      assert.ok(detail, v.name);
      assert.deepEqual(
        detail.children.map((c) => [c.ns, c.local]),
        [
          ['', 'debuginfo'],
          [FAULT_NS, 'fault'],
        ],
      );
      const entry = detail.children[1];
      assert.deepEqual(
        entry.children.map((c) => [c.ns, c.local]),
        [
          [FAULT_NS, 'code'],
          [FAULT_NS, 'fields'],
        ],
      );
      const listed = entry.children[1].children;
      assert.equal(listed.length, 20);
      assert.equal(listed[3].attrs.find((a) => a.local === 'path')?.value, 'p[3]."a"');
      assert.equal(listed[3].text, 'must be < 3');
    }
  });

  it('an unauthenticated fault carries its challenge as WWW-Authenticate', () => {
    const r = faultResponse(SOAP11, sbError('SB_UNAUTHENTICATED'), false);
    assert.equal(r.headers['www-authenticate'], 'Bearer');
    assert.equal(r.status, 401);
    assert.match(r.body as string, /<sb:code>SB_UNAUTHENTICATED<\/sb:code>/);
    const own = new ClientError('expired', { status: 401, challenge: 'Bearer error="invalid_token"' });
    assert.equal(faultResponse(SOAP12, own, false).headers['www-authenticate'], 'Bearer error="invalid_token"');
    assert.equal(faultResponse(SOAP12, new ClientError('x'), false).headers['www-authenticate'], undefined);
  });

  it("the fault table: every kind is 500 (WS-I R1126) but 415 (R1124) and HTTP's own 401/403; Client/Sender for the caller's kinds", () => {
    const own: Record<string, number> = { unsupported_media_type: 415, unauthenticated: 401, forbidden: 403 };
    for (const [kind, f] of Object.entries(soapFaults)) {
      assert.equal(f.status, own[kind] ?? 500, kind);
      assert.deepEqual([f.soap11, f.soap12], kind === 'server' ? ['Server', 'Receiver'] : ['Client', 'Sender'], kind);
    }
    assert.equal(faultResponse(SOAP11, sbError('SB_UNSUPPORTED_MEDIA_TYPE', { type: 'text/csv', accepted: 'text/xml' }), false).status, 415);
  });
});
