import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { mediaType } from './media.ts';

describe('mediaType', () => {
  test('the bare, lower-case type, however the header is written', () => {
    const cases: [string | undefined, string][] = [
      [undefined, ''],
      ['', ''],
      ['application/json', 'application/json'],
      ['application/json; charset=utf-8', 'application/json'],
      ['Application/JSON;charset=UTF-8', 'application/json'],
      ['  text/xml  ; charset=utf-8', 'text/xml'],
      ['\ttext/xml', 'text/xml'],
      ['TEXT/XML', 'text/xml'],
      ['application/soap+xml;action="urn:x"', 'application/soap+xml'],
      ['\u00a0text/plain', 'text/plain'],
    ];
    for (const [header, type] of cases) assert.equal(mediaType(header), type, String(header));
  });
});
