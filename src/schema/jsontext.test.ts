import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { jsonDecoder } from './json.ts';
import { parseJson } from './jsontext.ts';
import { t } from './types.ts';

describe('parseJson', () => {
  test('plain JSON', () => {
    assert.deepEqual(parseJson('{"a":[1,"x",null,true]}'), { a: [1, 'x', null, true] });
    assert.equal(parseJson('"é😀"'), 'é😀');
  });
  test('malformed text is the WSME client fault', () => {
    for (const bad of ['', '{', '{"a":}', "{'a':1}", 'undefined', '[1,]']) {
      assert.throws(() => parseJson(bad), { code: 'SB_INVALID_JSON', message: 'Request is not in valid JSON format', status: 400 }, bad);
      assert.throws(() => parseJson(bad, true), { code: 'SB_INVALID_JSON' }, bad);
    }
  });
  test('without keepBigIntegers long integers round as JSON.parse does', () => {
    assert.equal(parseJson('9007199254740993'), 9007199254740992);
  });
  test('keepBigIntegers keeps the digits of long integers for the int64 decoder', () => {
    const v = parseJson('{"n": 9007199254740993, "m": -9223372036854775808, "s": "12345678901234567890"}', true) as Record<string, unknown>;
    assert.deepEqual(v, { n: '9007199254740993', m: '-9223372036854775808', s: '12345678901234567890' });
    assert.equal(jsonDecoder(t.int64())(v.n, 'n'), 9007199254740993n);
    assert.equal(jsonDecoder(t.int64())(v.m, 'm'), -9223372036854775808n);
  });
  test('keepBigIntegers leaves short integers, floats, exponents and strings alone', () => {
    const text =
      '{"a": 1, "b": 1.12345678901234567, "c": 1e12345678901234567, "d": 12345678901234567.5, "e": "x\\"99999999999999999\\"", "f": 2E-12345678901234567}';
    const v = parseJson(text, true) as Record<string, unknown>;
    assert.equal(v.a, 1);
    assert.equal(v.b, 1.1234567890123457);
    assert.equal(v.c, Number.POSITIVE_INFINITY);
    assert.equal(v.d, 12345678901234568);
    assert.equal(v.e, 'x"99999999999999999"');
    assert.equal(v.f, 0);
  });
  test('a number field next to an int64 still decodes a quoted long integer', () => {
    const v = parseJson('{"f": 1234567890123456}', true) as { f: unknown };
    assert.equal(jsonDecoder(t.number())(v.f, 'f'), 1234567890123456);
    assert.equal(jsonDecoder(t.integer())(v.f, 'f'), 1234567890123456);
  });
});
