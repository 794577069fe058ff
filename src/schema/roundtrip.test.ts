/**
 * Both directions and both codecs agree: every value encodes to JSON and decodes back equal,
 * and the text (query) form of a value decodes to the same value as its JSON form.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { pairsToTree, parsePairs } from './form.ts';
import { jsonDecoder, jsonEncoder } from './json.ts';
import { parseJson } from './jsontext.ts';
import { textDecoder } from './text.ts';
import { type TSchema, t } from './types.ts';

const Inner = t.complex('Inner', { aint: t.integer(), tags: t.array(t.string()) });
const Outer = t.complex('Outer', { inner: Inner, list: t.array(Inner), map: t.dict(t.int64()), when: t.nullable(t.datetime()) });

/** [name, schema, value, its JSON, its query text as argument `a`] */
const cases: [string, TSchema, unknown, string, string][] = [
  ['string', t.string(), 'Zoë 😀 & =', '"Zoë 😀 & ="', 'a=Zo%C3%AB+%F0%9F%98%80+%26+%3D'],
  ['empty string', t.string(), '', '""', 'a='],
  ['integer', t.integer(), -42, '-42', 'a=-42'],
  ['number', t.number(), 0.125, '0.125', 'a=0.125'],
  ['int64 max', t.int64(), 9223372036854775807n, '9223372036854775807', 'a=9223372036854775807'],
  ['int64 min', t.int64(), -9223372036854775808n, '-9223372036854775808', 'a=-9223372036854775808'],
  ['boolean', t.boolean(), false, 'false', 'a=off'],
  ['decimal', t.decimal(), '-0.000000000000000000000001', '"-0.000000000000000000000001"', 'a=-0.000000000000000000000001'],
  ['date', t.date(), '2024-02-29', '"2024-02-29"', 'a=2024-02-29'],
  ['time', t.time(), '23:59:59.999', '"23:59:59.999"', 'a=23:59:59.999'],
  ['datetime with offset', t.datetime(), '2023-05-01T10:20:30-05:30', '"2023-05-01T10:20:30-05:30"', 'a=2023-05-01T10:20:30-05:30'],
  ['datetime UTC', t.datetime(), '2023-05-01T10:20:30Z', '"2023-05-01T10:20:30Z"', 'a=2023-05-01T10:20:30Z'],
  ['binary', t.binary(), new Uint8Array([0, 255, 128]), '"AP+A"', 'a=AP%2BA'],
  ['empty binary', t.binary(), new Uint8Array(), '""', 'a='],
  ['enum', t.enum(['x', 'y']), 'y', '"y"', 'a=y'],
  ['number enum', t.enum([10, 20]), 20, '20', 'a=20'],
  ['empty array', t.array(t.integer()), [], '[]', 'a='],
  ['array', t.array(t.integer()), [3, 1, 2], '[3,1,2]', 'a=3&a=1&a=2'],
  ['nested arrays', t.array(t.array(t.integer())), [[1], [2, 3]], '[[1],[2,3]]', 'a[0][0]=1&a[1][0]=2&a[1][1]=3'],
  ['nullable null', t.nullable(t.integer()), null, 'null', 'a='],
  ['nullable value', t.nullable(t.integer()), 7, '7', 'a=7'],
  ['empty complex', Inner, {}, '{}', 'a='],
  [
    'nested complex',
    Outer,
    { inner: { aint: 1, tags: ['é'] }, list: [{ aint: 2 }, { tags: [] }], map: { k: 9007199254740993n }, when: null },
    '{"inner":{"aint":1,"tags":["é"]},"list":[{"aint":2},{"tags":[]}],"map":{"k":9007199254740993},"when":null}',
    'a.inner.aint=1&a.inner.tags=%C3%A9&a.list[0].aint=2&a.list[1].tags=&a.map[k]=9007199254740993&a.when=',
  ],
];

/** Null-prototype maps (dicts) compared as plain objects. */
const plain = (v: unknown): unknown =>
  v instanceof Uint8Array || v === null || typeof v !== 'object'
    ? v
    : Array.isArray(v)
      ? v.map(plain)
      : Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));

describe('round trips', () => {
  for (const [name, schema, value, json, query] of cases) {
    test(name, () => {
      assert.equal(jsonEncoder(schema)(value), json, 'encodes to its JSON');
      const fromJson = jsonDecoder(schema)(parseJson(json, true), 'a');
      assert.deepEqual(plain(fromJson), plain(value), 'its JSON decodes to it');
      const fromText = textDecoder(schema)(pairsToTree(parsePairs(query)).a, 'a');
      assert.deepEqual(plain(fromText), plain(value), 'its query text decodes to it');
    });
  }
});

describe('fields named like Object.prototype members', () => {
  const props = { constructor: t.optional(t.string()), toString: t.optional(t.integer()) };
  const Odd = t.complex('Odd', { ...props, plain: t.string() });

  test('JSON: absent ones stay absent (nothing inherited is read), given ones are own fields', () => {
    assert.deepEqual(jsonDecoder(Odd)(parseJson('{"plain":"p"}'), 'x'), { plain: 'p' });
    assert.equal(jsonEncoder(Odd)({ plain: 'p' }), '{"plain":"p"}');
    const full = jsonDecoder(Odd)(parseJson('{"constructor":"c","toString":2,"plain":"p"}'), 'x') as Record<string, unknown>;
    assert.deepEqual(Object.keys(full), ['constructor', 'toString', 'plain']);
    assert.equal(jsonEncoder(Odd)(full), '{"constructor":"c","toString":2,"plain":"p"}');
  });

  test('text notation: the same', () => {
    assert.deepEqual(textDecoder(Odd)(pairsToTree(parsePairs('o.plain=p')).o, 'o'), { plain: 'p' });
    const v = textDecoder(Odd)(pairsToTree(parsePairs('o.plain=p&o.constructor=c')).o, 'o') as Record<string, unknown>;
    assert.equal(Object.hasOwn(v, 'constructor'), true);
    assert.equal(v.constructor, 'c');
  });
});
