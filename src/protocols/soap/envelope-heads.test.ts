// Remembered envelope openings change the cost of reading an envelope, never its result: every
// envelope, valid or hostile, reads as it reads without them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { EnvelopeHeads } from './envelope-heads.ts';
import { readEnvelope } from './envelope.ts';
import { SOAP11, SOAP11_NS, SOAP12, SOAP12_NS, type SoapVersion } from './version.ts';

const ENVELOPE =
  '<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><t:personGet xmlns:t="urn:persons:types"><t:id>1</t:id></t:personGet></soap:Body></soap:Envelope>';
const ENVELOPE12 = `<e:Envelope xmlns:e="${SOAP12_NS}">\n  <e:Body>\n    <op xmlns="urn:t"><a>1</a><b/></op>\n  </e:Body>\n</e:Envelope>`;

/** What reading gives, comparable: the request's elements, or the problem. */
function read(text: string, v: SoapVersion, heads?: EnvelopeHeads): unknown {
  const r = readEnvelope(text, v, heads);
  if (!('error' in r)) return r;
  return { code: r.error.code, message: r.error.message, params: r.error.params, fault: r.code };
}

/** Heads that have learnt the openings of `texts` (each seen twice). */
function learnt(...texts: string[]): EnvelopeHeads {
  const heads = new EnvelopeHeads();
  for (const t of texts) {
    readEnvelope(t, SOAP11, heads);
    readEnvelope(t, SOAP11, heads);
  }
  return heads;
}

const VARIANTS = [
  ENVELOPE,
  ENVELOPE.replace('<t:id>1</t:id>', '<t:id>2</t:id>'),
  ENVELOPE.replace('<t:id>1</t:id>', '<t:id>&#49;</t:id><t:id>2</t:id>'),
  ENVELOPE.replace('<t:id>1</t:id>', '<t:id>1</t:id><extra/>'),
  ENVELOPE.replace('</soap:Body>', '</soap:Body><soap:Body/>'),
  ENVELOPE.replace('</soap:Body></soap:Envelope>', '</soap:Body><x:after xmlns:x="urn:x"/></soap:Envelope>'),
  ENVELOPE.replace('</soap:Envelope>', ''),
  ENVELOPE.replace('</t:personGet>', '</t:personGet><t:second/>'),
  `${ENVELOPE}<!DOCTYPE x>`,
  `${ENVELOPE}<again/>`,
  ENVELOPE.replace('<t:id>1</t:id>', '<t:id>\u0001</t:id>'),
  ENVELOPE.replace('<t:id>1</t:id>', '<q:id/>'),
  ENVELOPE.replace('<t:id>1</t:id>', `<t:id>${'<a>'.repeat(200)}</t:id>`),
  ENVELOPE12,
  ENVELOPE12.replace('<b/>', '<b>&bogus;</b>'),
];

describe('EnvelopeHeads: remembered openings', () => {
  it('reads every envelope as readEnvelope does without them, in either version', () => {
    const heads = learnt(ENVELOPE, ENVELOPE12);
    assert.equal(heads.size, 2);
    for (const text of VARIANTS) for (const v of [SOAP11, SOAP12]) assert.deepStrictEqual(read(text, v, heads), read(text, v), text);
  });

  it('reads hostile envelopes after a remembered opening as without it (property)', () => {
    const heads = learnt(ENVELOPE);
    const at = ENVELOPE.indexOf('<t:id>');
    const bits = fc.constantFrom(
      '<',
      '>',
      '</t:id>',
      '<t:id>',
      '</t:personGet>',
      '</soap:Body>',
      '</soap:Envelope>',
      '&amp;',
      '&x;',
      ']]>',
      '<!--',
      '\u0001',
      '\r\n',
      ' ',
    );
    const tail = fc.array(fc.oneof(bits, fc.string({ maxLength: 5 })), { maxLength: 10 }).map((p) => p.join(''));
    fc.assert(
      fc.property(tail, fc.nat({ max: ENVELOPE.length - at }), (inserted, cut) => {
        const text = ENVELOPE.slice(0, at) + inserted + ENVELOPE.slice(at + cut);
        assert.deepStrictEqual(read(text, SOAP11, heads), read(text, SOAP11));
      }),
      { numRuns: 2000 },
    );
  });

  it('remembers an opening the second time it comes, and a bounded number of them', () => {
    const heads = new EnvelopeHeads();
    readEnvelope(ENVELOPE, SOAP11, heads);
    assert.equal(heads.size, 0);
    readEnvelope(ENVELOPE, SOAP11, heads);
    assert.equal(heads.size, 1);
    const many = learnt(...Array.from({ length: 40 }, (_, k) => ENVELOPE.replace('personGet', `op${k}`).replace('personGet', `op${k}`)));
    assert.ok(many.size > 0 && many.size <= 16, `${many.size} openings`);
  });

  it('remembers nothing of an envelope without an operation, or one it cannot read', () => {
    const heads = learnt(`<Envelope xmlns="${SOAP11_NS}"><Body/></Envelope>`, '<x', `<Envelope xmlns="${SOAP11_NS}"><Body><op xmlns:p="urn:p"/>`);
    assert.equal(heads.size, 0);
  });
});
