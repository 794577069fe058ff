import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Type } from '@sinclair/typebox';
import { jsonDecoder, jsonEncoder, quote } from './json.ts';
import { t } from './types.ts';
import { rejects } from '../errors/rejects.testing.ts';

const dec = (s: Parameters<typeof jsonDecoder>[0], v: unknown, path = 'x') => jsonDecoder(s)(v, path);
const enc = (s: Parameters<typeof jsonEncoder>[0], v: unknown) => jsonEncoder(s)(v);

/** Asserts a Client error with exactly this message. */

describe('json string', () => {
  test('decodes strings, unicode intact', () => {
    assert.equal(dec(t.string(), ''), '');
    assert.equal(dec(t.string(), 'héllo 世界 😀'), 'héllo 世界 😀');
  });
  test('rejects non-strings with the WSME message', () => {
    rejects(() => dec(t.string(), 12, 'name'), "Invalid input for field/attribute name. Value: '12'. Value should be string");
    rejects(() => dec(t.string(), null, 'name'), "Invalid input for field/attribute name. Value: 'null'. Value should not be null");
  });
  test('length bounds count characters, not UTF-16 units', () => {
    const s = t.string({ minLength: 2, maxLength: 3 });
    assert.equal(dec(s, 'ab'), 'ab');
    assert.equal(dec(s, '😀😀😀'), '😀😀😀');
    rejects(() => dec(s, 'a', 'n'), "Invalid input for field/attribute n. Value: 'a'. Value should have a minimum character requirement of 2");
    rejects(() => dec(s, 'abcd', 'n'), "Invalid input for field/attribute n. Value: 'abcd'. Value should have a maximum character requirement of 3");
    rejects(() => dec(s, '😀', 'n'), "Invalid input for field/attribute n. Value: '😀'. Value should have a minimum character requirement of 2");
  });
  test('pattern must match the whole value', () => {
    const s = t.string({ pattern: '[a-z]+' });
    assert.equal(dec(s, 'abc'), 'abc');
    rejects(() => dec(s, 'abc1', 'n'), "Invalid input for field/attribute n. Value: 'abc1'. Value should match the pattern [a-z]+");
  });
  test('encodes strings, escaping', () => {
    assert.equal(enc(t.string(), 'a"b\n😀'), '"a\\"b\\n😀"');
    assert.equal(enc(t.string(), null), 'null');
    assert.throws(() => enc(t.string(), 12), { code: 'SB_INVALID_RESULT' });
  });
});

describe('json integer and number', () => {
  test('integers, bounds, WSME int() coercion of integer strings', () => {
    assert.equal(dec(t.integer(), 42), 42);
    assert.equal(dec(t.integer(), -7), -7);
    assert.equal(dec(t.integer(), '12'), 12);
    rejects(() => dec(t.integer(), 'abc', 'id'), "Invalid input for field/attribute id. Value: 'abc'. unable to convert to int");
    rejects(() => dec(t.integer(), 1.5, 'id'), "Invalid input for field/attribute id. Value: '1.5'. unable to convert to int");
    rejects(() => dec(t.integer(), 2 ** 53, 'id'), "Invalid input for field/attribute id. Value: '9007199254740992'. unable to convert to int");
    rejects(() => dec(t.integer(), true, 'id'), "Invalid input for field/attribute id. Value: 'true'. unable to convert to int");
    const b = t.integer({ minimum: 1, maximum: 10 });
    assert.equal(dec(b, 1), 1);
    assert.equal(dec(b, 10), 10);
    rejects(() => dec(b, 0, 'n'), "Invalid input for field/attribute n. Value: '0'. Value should be greater or equal to 1");
    rejects(() => dec(b, 11, 'n'), "Invalid input for field/attribute n. Value: '11'. Value should be lower or equal to 10");
    const x = t.integer({ exclusiveMinimum: 0, exclusiveMaximum: 5 });
    rejects(() => dec(x, 0, 'n'), "Invalid input for field/attribute n. Value: '0'. Value should be greater than 0");
    rejects(() => dec(x, 5, 'n'), "Invalid input for field/attribute n. Value: '5'. Value should be lower than 5");
  });
  test('numbers', () => {
    assert.equal(dec(t.number(), 1.25), 1.25);
    assert.equal(dec(t.number(), '1.5e3'), 1500);
    rejects(() => dec(t.number(), 'x', 'f'), "Invalid input for field/attribute f. Value: 'x'. unable to convert to float");
    rejects(() => dec(t.number(), '0x10', 'f'), "Invalid input for field/attribute f. Value: '0x10'. unable to convert to float");
    rejects(() => dec(t.number(), 'Infinity', 'f'), "Invalid input for field/attribute f. Value: 'Infinity'. unable to convert to float");
    rejects(() => dec(t.number({ maximum: 1 }), 1.5, 'f'), "Invalid input for field/attribute f. Value: '1.5'. Value should be lower or equal to 1");
  });
  test('encodes numbers; non-finite floats as null', () => {
    assert.equal(enc(t.integer(), 5), '5');
    assert.equal(enc(t.number(), 0.1), '0.1');
    assert.equal(enc(t.number(), Number.NaN), 'null');
    assert.equal(enc(t.number(), undefined), 'null');
    assert.throws(() => enc(t.integer(), '5'), { code: 'SB_INVALID_RESULT' });
    assert.throws(() => enc(t.integer(), 1.5), { code: 'SB_INVALID_RESULT', message: 'The function returned an invalid value at result: expected integer' });
    assert.throws(() => enc(t.int64(), 1.5), { code: 'SB_INVALID_RESULT', status: 500 });
  });
});

describe('json int64', () => {
  test('beyond 2^53 exact, from strings and bigints', () => {
    assert.equal(dec(t.int64(), '9007199254740993'), 9007199254740993n);
    assert.equal(dec(t.int64(), 9007199254740993n), 9007199254740993n);
    assert.equal(dec(t.int64(), 12), 12n);
    assert.equal(dec(t.int64(), '-9223372036854775808'), -9223372036854775808n);
    assert.equal(dec(t.int64(), '9223372036854775807'), 9223372036854775807n);
  });
  test('rejects out of range, fractions, unsafe floats, garbage', () => {
    const range = 'Value should be between -9223372036854775808 and 9223372036854775807';
    rejects(() => dec(t.int64(), '9223372036854775808', 'n'), `Invalid input for field/attribute n. Value: '9223372036854775808'. ${range}`);
    rejects(() => dec(t.int64(), '-9223372036854775809', 'n'), `Invalid input for field/attribute n. Value: '-9223372036854775809'. ${range}`);
    rejects(() => dec(t.int64(), 1.5, 'n'), "Invalid input for field/attribute n. Value: '1.5'. unable to convert to int64");
    rejects(() => dec(t.int64(), 2 ** 60, 'n'), "Invalid input for field/attribute n. Value: '1152921504606847000'. unable to convert to int64");
    rejects(() => dec(t.int64(), 'abc', 'n'), "Invalid input for field/attribute n. Value: 'abc'. unable to convert to int64");
  });
  test('bounds', () => {
    const b = t.int64({ minimum: 0n, maximum: 10n ** 18n });
    rejects(() => dec(b, '-1', 'n'), "Invalid input for field/attribute n. Value: '-1'. Value should be greater or equal to 0");
    rejects(
      () => dec(b, '1000000000000000001', 'n'),
      "Invalid input for field/attribute n. Value: '1000000000000000001'. Value should be lower or equal to 1000000000000000000",
    );
  });
  test('encodes the exact digits', () => {
    assert.equal(enc(t.int64(), 9223372036854775807n), '9223372036854775807');
    assert.equal(enc(t.int64(), 3), '3');
    assert.equal(enc(t.int64(), null), 'null');
  });
});

describe('json boolean', () => {
  test('booleans, 0/1 and the unambiguous words (WSME bool_fromjson)', () => {
    assert.equal(dec(t.boolean(), true), true);
    assert.equal(dec(t.boolean(), false), false);
    assert.equal(dec(t.boolean(), 1), true);
    assert.equal(dec(t.boolean(), 0), false);
    for (const w of ['true', 'yes', 'on', '1', 'TRUE']) assert.equal(dec(t.boolean(), w), true, w);
    for (const w of ['false', 'no', 'off', '0', 'Off']) assert.equal(dec(t.boolean(), w), false, w);
    rejects(() => dec(t.boolean(), 'maybe', 'b'), "Invalid input for field/attribute b. Value: 'maybe'. unable to convert to bool");
    rejects(() => dec(t.boolean(), 2, 'b'), "Invalid input for field/attribute b. Value: '2'. unable to convert to bool");
  });
  test('encodes', () => {
    assert.equal(enc(t.boolean(), true), 'true');
    assert.equal(enc(t.boolean(), false), 'false');
    assert.throws(() => enc(t.boolean(), 'yes'), { code: 'SB_INVALID_RESULT' });
  });
});

describe('json decimal', () => {
  test('kept as its exact string', () => {
    assert.equal(dec(t.decimal(), '3.14159265358979323846264338327950288'), '3.14159265358979323846264338327950288');
    assert.equal(dec(t.decimal(), '+1.50'), '1.50');
    assert.equal(dec(t.decimal(), '-0.001'), '-0.001');
    assert.equal(dec(t.decimal(), '1E+3'), '1E+3');
    assert.equal(dec(t.decimal(), 2.5), '2.5');
  });
  test('rejects garbage', () => {
    for (const g of ['', 'abc', '1.2.3', '1,5', 'NaN', 'Infinity', '0x1F']) {
      rejects(() => dec(t.decimal(), g, 'd'), `Invalid input for field/attribute d. Value: '${g}'. unable to convert to Decimal`);
    }
    rejects(() => dec(t.decimal(), true, 'd'), "Invalid input for field/attribute d. Value: 'true'. unable to convert to Decimal");
  });
  test('encodes as a JSON string', () => {
    assert.equal(enc(t.decimal(), '12345678901234567890.123456789'), '"12345678901234567890.123456789"');
  });
});

describe('json date, time, datetime', () => {
  test('dates', () => {
    assert.equal(dec(t.date(), '2023-02-28'), '2023-02-28');
    assert.equal(dec(t.date(), '2024-02-29'), '2024-02-29');
    const r = 'Value should be a valid date (YYYY-MM-DD)';
    for (const bad of ['2023-02-29', '2023-02-30', '2023-13-01', '2023-00-10', '2023-01-00', '2023-1-1', '20230101', '2023-01-01T00:00:00']) {
      rejects(() => dec(t.date(), bad, 'd'), `Invalid input for field/attribute d. Value: '${bad}'. ${r}`);
    }
    assert.equal(dec(t.date(), '2000-02-29'), '2000-02-29');
    rejects(() => dec(t.date(), '1900-02-29', 'd'), `Invalid input for field/attribute d. Value: '1900-02-29'. ${r}`);
    rejects(() => dec(t.date(), 20230101, 'd'), `Invalid input for field/attribute d. Value: '20230101'. ${r}`);
  });
  test('times', () => {
    assert.equal(dec(t.time(), '23:59:59'), '23:59:59');
    assert.equal(dec(t.time(), '12:00:00.250'), '12:00:00.250');
    for (const bad of ['24:00:00', '12:60:00', '12:00', '1:00:00', 'noon']) {
      rejects(() => dec(t.time(), bad, 't'), `Invalid input for field/attribute t. Value: '${bad}'. Value should be a valid time (hh:mm:ss)`);
    }
  });
  test('datetimes keep their offset', () => {
    assert.equal(dec(t.datetime(), '2023-05-01T10:20:30'), '2023-05-01T10:20:30');
    assert.equal(dec(t.datetime(), '2023-05-01T10:20:30+02:00'), '2023-05-01T10:20:30+02:00');
    assert.equal(dec(t.datetime(), '2023-05-01T10:20:30.123-05:30'), '2023-05-01T10:20:30.123-05:30');
    assert.equal(dec(t.datetime(), '2023-05-01 10:20:30z'), '2023-05-01T10:20:30Z');
    const r = 'Value should be a valid ISO 8601 datetime (YYYY-MM-DDThh:mm:ss)';
    for (const bad of ['2023-02-30T00:00:00', '2023-05-01T25:00:00', '2023-05-01T10:20:30+24:00', '2023-05-01', 'yesterday']) {
      rejects(() => dec(t.datetime(), bad, 'dt'), `Invalid input for field/attribute dt. Value: '${bad}'. ${r}`);
    }
  });
  test('encode strings as given, Dates as ISO', () => {
    assert.equal(enc(t.date(), '2023-01-02'), '"2023-01-02"');
    assert.equal(enc(t.date(), new Date(Date.UTC(2023, 0, 2, 15))), '"2023-01-02"');
    assert.equal(enc(t.datetime(), new Date(Date.UTC(2023, 0, 2, 15, 4, 5))), '"2023-01-02T15:04:05.000Z"');
    assert.equal(enc(t.datetime(), '2023-01-02T15:04:05+02:00'), '"2023-01-02T15:04:05+02:00"');
    assert.equal(enc(t.time(), '10:00:00'), '"10:00:00"');
  });
});

describe('json binary', () => {
  test('base64 both ways', () => {
    assert.deepEqual(dec(t.binary(), 'AAEC/w=='), new Uint8Array([0, 1, 2, 255]));
    assert.deepEqual(dec(t.binary(), 'AAEC_w'), new Uint8Array([0, 1, 2, 255]));
    assert.deepEqual(dec(t.binary(), ''), new Uint8Array([]));
    assert.equal(enc(t.binary(), new Uint8Array([0, 1, 2, 255])), '"AAEC/w=="');
    assert.equal(enc(t.binary(), new Uint8Array(new Uint8Array([9, 0, 1, 2]).buffer, 1, 2)), '"AAE="');
    rejects(() => dec(t.binary(), 'not base64!', 'b'), "Invalid input for field/attribute b. Value: 'not base64!'. Value should be base64");
    rejects(() => dec(t.binary(), 'A', 'b'), "Invalid input for field/attribute b. Value: 'A'. Value should be base64");
  });
});

describe('json enum', () => {
  test('string and number enums', () => {
    const color = t.enum(['red', 'green']);
    assert.equal(dec(color, 'red'), 'red');
    rejects(() => dec(color, 'blue', 'c'), "Invalid input for field/attribute c. Value: 'blue'. Value should be one of: red, green");
    const level = t.enum([1, 2, 3]);
    assert.equal(dec(level, 2), 2);
    rejects(() => dec(level, '2', 'l'), "Invalid input for field/attribute l. Value: '2'. Value should be one of: 1, 2, 3");
    assert.equal(enc(color, 'green'), '"green"');
    const literals = Type.Union([Type.Literal('on'), Type.Literal('off')]);
    assert.equal(dec(literals, 'on'), 'on');
    rejects(() => dec(literals, 'dim', 's'), "Invalid input for field/attribute s. Value: 'dim'. Value should be one of: on, off");
    assert.equal(enc(level, 3), '3');
  });
});

describe('json array and dict', () => {
  test('arrays, empty and nested', () => {
    assert.deepEqual(dec(t.array(t.integer()), []), []);
    assert.deepEqual(dec(t.array(t.array(t.string())), [['a'], [], ['b', 'c']]), [['a'], [], ['b', 'c']]);
    rejects(() => dec(t.array(t.integer()), [1, 'x'], 'v'), "Invalid input for field/attribute v[1]. Value: 'x'. unable to convert to int");
    rejects(() => dec(t.array(t.integer()), 'x', 'v'), "Invalid input for field/attribute v. Value: 'x'. Value should be a list");
    rejects(() => dec(t.array(t.integer(), { minItems: 1 }), [], 'v'), "Invalid input for field/attribute v. Value: '[]'. Value should have at least 1 items");
    rejects(
      () => dec(t.array(t.integer(), { maxItems: 1 }), [1, 2], 'v'),
      "Invalid input for field/attribute v. Value: '[1,2]'. Value should have at most 1 items",
    );
    assert.equal(enc(t.array(t.integer()), []), '[]');
    assert.equal(enc(t.array(t.array(t.string())), [['a'], []]), '[["a"],[]]');
    assert.equal(enc(t.array(t.integer()), new Set([1, 2])), '[1,2]');
    assert.throws(() => enc(t.array(t.integer()), 5), { code: 'SB_INVALID_RESULT' });
  });
  test('dicts', () => {
    const d = dec(t.dict(t.integer()), { a: 1, 'b.c': 2 });
    assert.deepEqual({ ...(d as object) }, { a: 1, 'b.c': 2 });
    assert.deepEqual({ ...(dec(t.dict(t.integer()), {}) as object) }, {});
    rejects(() => dec(t.dict(t.integer()), { a: 'x' }, 'd'), "Invalid input for field/attribute d[a]. Value: 'x'. unable to convert to int");
    rejects(() => dec(t.dict(t.integer()), [1], 'd'), "Invalid input for field/attribute d. Value: '[1]'. Value should be a dict");
    assert.equal(enc(t.dict(t.integer()), { a: 1, b: undefined }), '{"a":1}');
    assert.equal(enc(t.dict(t.integer()), new Map([['k', 2]])), '{"k":2}');
    assert.equal(enc(t.dict(t.integer()), {}), '{}');
  });
  test('a "__proto__" key is data, not a prototype', () => {
    const d = dec(t.dict(t.integer()), JSON.parse('{"__proto__": 1}')) as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(d), null);
    assert.deepEqual(Object.entries(d), [['__proto__', 1]]);
  });
});

const Inner = t.complex('Inner', { aint: t.integer(), astr: t.string() });
const Outer = t.complex('Outer', { name: t.string(), inner: Inner, list: t.array(Inner), note: t.nullable(t.string()) }, { mandatory: ['name'] });

describe('json nullable', () => {
  test('null for a type that is not nullable', () => {
    rejects(() => dec(t.integer(), null, 'n'), "Invalid input for field/attribute n. Value: 'null'. Value should not be null");
    rejects(() => dec(Inner, { aint: null }, 'p'), "Invalid input for field/attribute p.aint. Value: 'null'. Value should not be null");
    rejects(() => dec(t.array(t.date()), [null], 'v'), "Invalid input for field/attribute v[0]. Value: 'null'. Value should not be null");
  });
  test('null stays null, values decode, unset stays unset', () => {
    const n = t.nullable(t.integer());
    assert.equal(dec(n, null), null);
    assert.equal(dec(n, 3), 3);
    rejects(() => dec(n, 'x', 'n'), "Invalid input for field/attribute n. Value: 'x'. unable to convert to int");
    assert.equal(enc(n, null), 'null');
    assert.equal(enc(n, 3), '3');
  });
});

describe('json complex types', () => {
  test('nested decode; unset attributes stay absent, null kept', () => {
    const v = dec(Outer, { name: 'n', inner: { aint: 1 }, list: [{ astr: 'é' }, {}], note: null });
    assert.deepEqual(v, { name: 'n', inner: { aint: 1 }, list: [{ astr: 'é' }, {}], note: null });
    assert.ok(!('astr' in (v as { inner: object }).inner));
  });
  test('errors name the attribute path', () => {
    rejects(() => dec(Outer, { name: 'n', inner: { aint: 'x' } }, 'o'), "Invalid input for field/attribute o.inner.aint. Value: 'x'. unable to convert to int");
    rejects(
      () => dec(Outer, { name: 'n', list: [{}, { aint: [] }] }, 'o'),
      "Invalid input for field/attribute o.list[1].aint. Value: '[]'. unable to convert to int",
    );
    rejects(() => dec(Outer, {}, 'o'), 'Mandatory attribute missing: o.name', 'SB_MISSING_ATTRIBUTE');
    rejects(() => dec(Outer, 'x', 'o'), "Invalid input for field/attribute o. Value: 'x'. Value should be an object (Outer)");
    rejects(() => dec(Outer, { name: 'n', note: 5 }, 'o'), "Invalid input for field/attribute o.note. Value: '5'. Value should be string");
  });
  test('unknown attributes, singular and plural, as WSME words them', () => {
    rejects(() => dec(Outer, { name: 'n', x: 1 }, 'o'), 'Unknown attribute for argument o: x', 'SB_UNKNOWN_ATTRIBUTE');
    rejects(() => dec(Outer, { name: 'n', x: 1, y: 2 }, 'o'), 'Unknown attributes for argument o: x, y', 'SB_UNKNOWN_ATTRIBUTES');
    rejects(() => dec(Outer, { name: 'n', inner: { zz: 1 } }, 'o'), 'Unknown attribute for argument o.inner: zz', 'SB_UNKNOWN_ATTRIBUTE');
  });
  test('encode omits unset attributes and keeps null', () => {
    assert.equal(enc(Outer, { name: 'n' }), '{"name":"n"}');
    assert.equal(enc(Outer, { name: 'n', note: null, inner: {} }), '{"name":"n","inner":{},"note":null}');
    assert.equal(enc(Outer, { name: 'ü', list: [{ aint: 1, astr: 'a' }] }), '{"name":"ü","list":[{"aint":1,"astr":"a"}]}');
    assert.equal(enc(Inner, {}), '{}');
    assert.equal(enc(Outer, null), 'null');
    assert.throws(() => enc(Outer, 5), { code: 'SB_INVALID_RESULT' });
  });
  test('round trip', () => {
    const value = { name: 'n', inner: { aint: 1, astr: 's' }, list: [], note: null };
    assert.deepEqual(dec(Outer, JSON.parse(enc(Outer, value))), value);
  });
});

describe('json recursive types', () => {
  const Node = t.recursive('Node', (self) => t.complex('Node', { id: t.integer(), children: t.array(self) }));
  test('decode and encode to any depth', () => {
    const tree = {
      id: 1,
      children: [
        { id: 2, children: [{ id: 3 }] },
        { id: 4, children: [] },
      ],
    };
    assert.deepEqual(dec(Node, tree), tree);
    assert.equal(enc(Node, tree), JSON.stringify(tree));
    rejects(
      () => dec(Node, { children: [{ children: [{ id: 'x' }] }] }, 'n'),
      "Invalid input for field/attribute n.children[0].children[0].id. Value: 'x'. unable to convert to int",
    );
  });
});

describe('json any and no return type', () => {
  test('any passes through; bigint encodes as digits', () => {
    assert.deepEqual(dec(t.any(), { a: [1] }), { a: [1] });
    assert.equal(enc(t.any(), { a: 1n }), '{"a":"1"}');
    assert.equal(enc(t.any(), undefined), 'null');
    assert.equal(enc(undefined, 'anything'), 'null');
  });
});

describe('quote (the string literal fast path)', () => {
  test('writes exactly what JSON.stringify writes, escapes and surrogates included', () => {
    const cases = [
      '',
      'Ross',
      'a"b',
      'back\\slash',
      'tab\there',
      'nul\u0000',
      '\u001f',
      '\u007f delete is not escaped',
      'héllo wörld',
      '日本語',
      '😀 a pair',
      'lone \ud800 high',
      'lone \udfff low',
      'x'.repeat(64),
      `${'x'.repeat(64)}"`,
      `${'y'.repeat(200)}\n`,
      '</script>',
      '\u2028\u2029',
    ];
    for (const s of cases) assert.equal(quote(s), JSON.stringify(s), JSON.stringify(s));
  });
});
