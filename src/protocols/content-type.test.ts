import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contentType, parseContentType } from './content-type.ts';

describe('protocols/content-type', () => {
  it('the bare type and the charset, however the header is written', () => {
    const cases: [string, string, string | undefined][] = [
      ['text/xml', 'text/xml', undefined],
      ['text/xml; charset=utf-8', 'text/xml', 'utf-8'],
      ['Text/XML;CHARSET="ISO-8859-1"', 'text/xml', 'iso-8859-1'],
      ['application/soap+xml; action="urn:a;b"; charset=utf-8', 'application/soap+xml', 'utf-8'],
      ['application/json; charset = utf-8 ; x=1', 'application/json', 'utf-8'],
      ['text/plain; charset=a; charset=b', 'text/plain', 'a'],
      ['text/plain; novalue; charset="unclosed', 'text/plain', 'unclosed'],
    ];
    for (const [header, type, charset] of cases) assert.deepEqual({ ...parseContentType(header) }, { type, charset }, header);
    assert.deepEqual({ ...contentType(undefined) }, { type: '', charset: undefined });
  });

  it('remembers each header (the same frozen answer), but not multipart ones', () => {
    const a = contentType('text/xml; charset=utf-8');
    assert.equal(contentType('text/xml; charset=utf-8'), a);
    assert.ok(Object.isFrozen(a));
    const m = 'multipart/form-data; boundary=x1';
    assert.notEqual(contentType(m), contentType(m));
    // Bounded: many distinct headers still answer right.
    for (let i = 0; i < 1000; i++) assert.equal(contentType(`text/x-${i}`).type, `text/x-${i}`);
  });
});
