import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readEnvelope } from './envelope.ts';
import { SOAP11, SOAP11_NS, SOAP12, SOAP12_NS } from './version.ts';

const problem = (text: string, v = SOAP11) => {
  const r = readEnvelope(text, v);
  assert.ok('error' in r, 'expected a problem');
  return { message: r.error.message, code: r.code, client: r.error.isClient };
};

describe('SOAP envelope reading', () => {
  it('finds the operation element by namespace, whatever the prefixes', () => {
    const r = readEnvelope(`<e:Envelope xmlns:e="${SOAP12_NS}"><e:Header/><e:Body><op xmlns="urn:t"/></e:Body></e:Envelope>`, SOAP12);
    assert.ok(!('error' in r));
    assert.deepEqual([r.operation.ns, r.operation.local], ['urn:t', 'op']);
  });

  it('refuses what is not a usable envelope, as Client problems', () => {
    assert.deepEqual(problem('<a/>'), { message: 'Invalid request: the root element is <a>, not a SOAP Envelope', code: undefined, client: true });
    assert.match(problem(`<Envelope xmlns="${SOAP11_NS}"/>`).message, /no Body/);
    assert.match(problem(`<Envelope xmlns="${SOAP11_NS}"><Body> </Body></Envelope>`).message, /Body is empty/);
    assert.match(problem('<!DOCTYPE x><x/>').message, /DOCTYPE is not allowed/);
    assert.equal(problem('<x').client, true);
  });

  it('a version other than the content type says is VersionMismatch', () => {
    assert.equal(problem(`<Envelope xmlns="${SOAP12_NS}"><Body><x/></Body></Envelope>`, SOAP11).code, 'VersionMismatch');
    assert.equal(problem('<Envelope xmlns="urn:x"><Body><x/></Body></Envelope>', SOAP12).code, 'VersionMismatch');
  });

  it('each refusal has its own catalogued code', () => {
    const sb = (text: string, v = SOAP11) => {
      const r = readEnvelope(text, v);
      return 'error' in r ? r.error.code : undefined;
    };
    assert.equal(sb('<a/>'), 'SB_SOAP_NOT_ENVELOPE');
    assert.equal(sb(`<Envelope xmlns="${SOAP11_NS}"/>`), 'SB_SOAP_NO_BODY');
    assert.equal(sb(`<Envelope xmlns="${SOAP11_NS}"><Body> </Body></Envelope>`), 'SB_SOAP_EMPTY_BODY');
    assert.equal(sb(`<Envelope xmlns="${SOAP12_NS}"><Body><x/></Body></Envelope>`), 'SB_SOAP_VERSION_MISMATCH');
    assert.equal(
      sb(`<s:Envelope xmlns:s="${SOAP11_NS}"><s:Header><h s:mustUnderstand="1"/></s:Header><s:Body><x/></s:Body></s:Envelope>`),
      'SB_SOAP_MUST_UNDERSTAND',
    );
    assert.equal(sb('<x'), 'SB_INVALID_XML');
  });

  it('a mandatory header for us is MustUnderstand; for someone else, or optional, it is ignored', () => {
    const env = (h: string) => `<s:Envelope xmlns:s="${SOAP11_NS}"><s:Header>${h}</s:Header><s:Body><x/></s:Body></s:Envelope>`;
    assert.equal(problem(env('<h s:mustUnderstand="1"/>')).code, 'MustUnderstand');
    assert.ok(!('error' in readEnvelope(env('<h s:mustUnderstand="0"/>'), SOAP11)));
    assert.ok(!('error' in readEnvelope(env('<h s:mustUnderstand="1" s:actor="urn:other"/>'), SOAP11)));
    // mustUnderstand must be in the envelope namespace to count.
    assert.ok(!('error' in readEnvelope(env('<h mustUnderstand="1"/>'), SOAP11)));
  });
});
