import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { pairsToTree, parsePairs } from './form.ts';
import { type TextTree, textDecoder } from './text.ts';
import { type TSchema, t } from './types.ts';
import { rejects } from '../errors/rejects.testing.ts';

const dec = (s: TSchema, tree: TextTree, path = 'x') => textDecoder(s)(tree, path);
/** Decodes argument `name` from a query string, as the REST protocols do. */
const fromQuery = (s: TSchema, query: string, name = 'a') => textDecoder(s)(pairsToTree(parsePairs(query))[name], name);

describe('text scalars', () => {
  test('strings as given, unicode and empty', () => {
    assert.equal(dec(t.string(), 'héllo 😀'), 'héllo 😀');
    assert.equal(dec(t.string(), ''), '');
    assert.equal(fromQuery(t.string(), 'a=%E4%B8%96+%F0%9F%98%80'), '世 😀');
    rejects(
      () => dec(t.string({ maxLength: 1 }), 'ab', 's'),
      "Invalid input for field/attribute s. Value: 'ab'. Value should have a maximum character requirement of 1",
    );
  });
  test('a scalar given several times', () => {
    rejects(() => fromQuery(t.integer(), 'id=1&id=2', 'id'), 'Parameter id was given several times', 'SB_DUPLICATE_ARGUMENT');
    rejects(() => fromQuery(t.array(t.integer()), 'a=1&a=2&a=x'), "Invalid input for field/attribute a[2]. Value: 'x'. unable to convert to int");
  });
  test('a scalar given as a structure', () => {
    rejects(() => fromQuery(t.integer(), 'id.x=1', 'id'), 'Invalid input for field/attribute id. Value: \'{"x":"1"}\'. Value should be a single value');
  });
  test('integers', () => {
    assert.equal(dec(t.integer(), '42'), 42);
    assert.equal(dec(t.integer(), ' -7 '), -7);
    assert.equal(dec(t.integer(), '+3'), 3);
    for (const bad of ['abc', '', '1.5', '1e3', '0x10', '9007199254740992']) {
      rejects(() => dec(t.integer(), bad, 'id'), `Invalid input for field/attribute id. Value: '${bad}'. unable to convert to int`);
    }
    rejects(() => dec(t.integer({ minimum: 1 }), '0', 'id'), "Invalid input for field/attribute id. Value: '0'. Value should be greater or equal to 1");
    rejects(() => dec(t.integer({ maximum: 9 }), '10', 'id'), "Invalid input for field/attribute id. Value: '10'. Value should be lower or equal to 9");
  });
  test('numbers', () => {
    assert.equal(dec(t.number(), '1.5'), 1.5);
    assert.equal(dec(t.number(), '-2e-3'), -0.002);
    assert.equal(dec(t.number(), '.5'), 0.5);
    for (const bad of ['', 'x', '0x10', '0b1', 'Infinity', 'NaN', '1e400']) {
      rejects(() => dec(t.number(), bad, 'f'), `Invalid input for field/attribute f. Value: '${bad}'. unable to convert to float`);
    }
  });
  test('int64 beyond 2^53, exact; out of range rejected', () => {
    assert.equal(dec(t.int64(), '9007199254740993'), 9007199254740993n);
    assert.equal(dec(t.int64(), '-9223372036854775808'), -9223372036854775808n);
    rejects(
      () => dec(t.int64(), '9223372036854775808', 'n'),
      "Invalid input for field/attribute n. Value: '9223372036854775808'. Value should be between -9223372036854775808 and 9223372036854775807",
    );
    rejects(() => dec(t.int64(), '1.0', 'n'), "Invalid input for field/attribute n. Value: '1.0'. unable to convert to int64");
  });
  test('booleans: WSME words', () => {
    for (const w of ['true', 'True', '1', 'yes', 'on', 'y', 't']) assert.equal(dec(t.boolean(), w), true, w);
    for (const w of ['false', 'FALSE', '0', 'no', 'off', 'n', 'f']) assert.equal(dec(t.boolean(), w), false, w);
    rejects(() => dec(t.boolean(), 'maybe', 'b'), "Invalid input for field/attribute b. Value: 'maybe'. unable to convert to bool");
    rejects(() => dec(t.boolean(), '', 'b'), "Invalid input for field/attribute b. Value: ''. unable to convert to bool");
  });
  test('decimal, date, time, datetime, binary', () => {
    assert.equal(dec(t.decimal(), '0.30000000000000000000001'), '0.30000000000000000000001');
    rejects(() => dec(t.decimal(), '1,5', 'd'), "Invalid input for field/attribute d. Value: '1,5'. unable to convert to Decimal");
    assert.equal(dec(t.date(), '2024-02-29'), '2024-02-29');
    rejects(() => dec(t.date(), '2023-02-30', 'd'), "Invalid input for field/attribute d. Value: '2023-02-30'. Value should be a valid date (YYYY-MM-DD)");
    rejects(() => dec(t.date(), '2023-13-01', 'd'), "Invalid input for field/attribute d. Value: '2023-13-01'. Value should be a valid date (YYYY-MM-DD)");
    assert.equal(dec(t.time(), '08:30:00'), '08:30:00');
    rejects(() => dec(t.time(), '8:30', 't'), "Invalid input for field/attribute t. Value: '8:30'. Value should be a valid time (hh:mm:ss)");
    assert.equal(fromQuery(t.datetime(), 'a=2023-05-01T10:20:30%2B02:00'), '2023-05-01T10:20:30+02:00');
    // An unencoded `+` in a query is a space; the offset is then unreadable, and said so.
    rejects(
      () => fromQuery(t.datetime(), 'a=2023-05-01T10:20:30+02:00'),
      "Invalid input for field/attribute a. Value: '2023-05-01T10:20:30 02:00'. Value should be a valid ISO 8601 datetime (YYYY-MM-DDThh:mm:ss)",
    );
    assert.deepEqual(dec(t.binary(), 'aGk='), new Uint8Array([104, 105]));
    rejects(() => dec(t.binary(), '***', 'b'), "Invalid input for field/attribute b. Value: '***'. Value should be base64");
  });
  test('enums by their text', () => {
    assert.equal(dec(t.enum(['a', 'b']), 'b'), 'b');
    assert.equal(dec(t.enum([1, 2]), '2'), 2);
    rejects(() => dec(t.enum([1, 2]), '3', 'e'), "Invalid input for field/attribute e. Value: '3'. Value should be one of: 1, 2");
  });
});

describe('text arrays', () => {
  const ints = t.array(t.integer());
  test('repeated keys, indexes, one value, empty', () => {
    assert.deepEqual(fromQuery(ints, 'a=1&a=2&a=3'), [1, 2, 3]);
    assert.deepEqual(fromQuery(ints, 'a[1]=2&a[0]=1&a[10]=3'), [1, 2, 3]);
    assert.deepEqual(fromQuery(ints, 'a[]=1&a[]=2'), [1, 2]);
    assert.deepEqual(fromQuery(ints, 'a=5'), [5]);
    assert.deepEqual(fromQuery(ints, 'a='), []);
  });
  test('item errors name the index', () => {
    rejects(() => fromQuery(ints, 'a=1&a=x'), "Invalid input for field/attribute a[1]. Value: 'x'. unable to convert to int");
    rejects(() => fromQuery(ints, 'a[x]=1'), "Invalid input for field/attribute a.x. Value: 'x'. Value should be a list (indexes are numbers)");
  });
  test('nested arrays', () => {
    assert.deepEqual(fromQuery(t.array(t.array(t.string())), 'a[0][0]=x&a[0][1]=y&a[1][0]=z'), [['x', 'y'], ['z']]);
  });
  test('item count bounds', () => {
    rejects(
      () => fromQuery(t.array(t.integer(), { maxItems: 1 }), 'a=1&a=2'),
      'Invalid input for field/attribute a. Value: \'["1","2"]\'. Value should have at most 1 items',
    );
  });
});

const Inner = t.complex('Inner', { aint: t.integer(), astr: t.string() });
const Person = t.complex('Person', {
  id: t.integer(),
  firstname: t.string(),
  hobbies: t.array(t.string()),
  inner: Inner,
  note: t.nullable(t.integer()),
});

describe('text complex types (WSME notation)', () => {
  test('p.id=1&p.hobbies[0]=x', () => {
    assert.deepEqual(fromQuery(Person, 'p.id=1&p.firstname=Ross&p.hobbies[0]=Dinosaurs&p.hobbies[1]=Rachel', 'p'), {
      id: 1,
      firstname: 'Ross',
      hobbies: ['Dinosaurs', 'Rachel'],
    });
    assert.deepEqual(fromQuery(Person, 'p.hobbies=a&p.hobbies=b', 'p'), { hobbies: ['a', 'b'] });
  });
  test('unset attributes stay absent; nullable non-strings read an empty text as null', () => {
    const v = fromQuery(Person, 'p.id=1&p.note=', 'p') as Record<string, unknown>;
    assert.deepEqual(v, { id: 1, note: null });
    assert.ok(!('firstname' in v));
    assert.deepEqual(dec(Person, { note: null }, 'p'), { note: null });
  });
  test('arrays of complex types: v[0].inner.aint=54', () => {
    assert.deepEqual(fromQuery(t.array(Person), 'v[0].inner.aint=54&v[1].id=2&v[0].id=1', 'v'), [{ id: 1, inner: { aint: 54 } }, { id: 2 }]);
  });
  test('arrays of complex types by attribute lists (WSME): v.id=1&v.id=2', () => {
    assert.deepEqual(fromQuery(t.array(Inner), 'v.aint=1&v.aint=2&v.astr=a', 'v'), [{ aint: 1, astr: 'a' }, { aint: 2 }]);
  });
  test('dicts: d[key]=v', () => {
    const d = fromQuery(t.dict(t.integer()), 'd[one]=1&d[two.2]=2', 'd');
    assert.deepEqual({ ...(d as object) }, { one: 1, 'two.2': 2 });
    rejects(() => fromQuery(t.dict(t.integer()), 'd[one]=x', 'd'), "Invalid input for field/attribute d[one]. Value: 'x'. unable to convert to int");
    rejects(() => fromQuery(t.dict(t.integer()), 'd=5', 'd'), "Invalid input for field/attribute d. Value: '5'. Value should be a dict");
  });
  test('errors name the attribute path', () => {
    rejects(() => fromQuery(Person, 'p.id=abc', 'p'), "Invalid input for field/attribute p.id. Value: 'abc'. unable to convert to int");
    rejects(
      () => fromQuery(t.array(Person), 'v[0].inner.aint=x', 'v'),
      "Invalid input for field/attribute v[0].inner.aint. Value: 'x'. unable to convert to int",
    );
    rejects(() => fromQuery(Person, 'p.id=1&p.id=2', 'p'), 'Parameter p.id was given several times', 'SB_DUPLICATE_ARGUMENT');
  });
  test('unknown and missing attributes', () => {
    rejects(() => fromQuery(Person, 'p.age=3', 'p'), 'Unknown attribute for argument p: age', 'SB_UNKNOWN_ATTRIBUTE');
    rejects(() => fromQuery(Person, 'p.age=3&p.x=1', 'p'), 'Unknown attributes for argument p: age, x', 'SB_UNKNOWN_ATTRIBUTES');
    const M = t.complex('M', { id: t.integer(), name: t.string() }, { mandatory: ['id'] });
    rejects(() => fromQuery(M, 'p.name=x', 'p'), 'Mandatory attribute missing: p.id', 'SB_MISSING_ATTRIBUTE');
  });
  test('a complex argument given as a plain value', () => {
    rejects(() => fromQuery(Person, 'p=5', 'p'), "Invalid input for field/attribute p. Value: '5'. Value should be an object (Person)");
  });
});

describe('text nullable and recursive types', () => {
  test('explicit nil (null tree) and empty text', () => {
    assert.equal(dec(t.nullable(t.integer()), null), null);
    assert.equal(dec(t.nullable(t.integer()), ''), null);
    assert.equal(dec(t.nullable(t.string()), ''), '');
    assert.equal(dec(t.nullable(t.date()), '2023-01-01'), '2023-01-01');
    rejects(() => dec(t.integer(), null, 'n'), "Invalid input for field/attribute n. Value: 'nil'. Value should not be null");
    rejects(() => dec(Person, null, 'p'), "Invalid input for field/attribute p. Value: 'nil'. Value should not be null");
    rejects(() => dec(t.dict(t.string()), null, 'd'), "Invalid input for field/attribute d. Value: 'nil'. Value should not be null");
    rejects(() => dec(t.array(t.string()), null, 'v'), "Invalid input for field/attribute v. Value: 'nil'. Value should not be null");
    assert.equal(dec(t.nullable(Person), null), null);
  });
  test('recursive complex types', () => {
    const Node = t.recursive('Node', (self) => t.complex('Node', { id: t.integer(), kids: t.array(self) }));
    assert.deepEqual(fromQuery(Node, 'n.id=1&n.kids[0].id=2&n.kids[0].kids[0].id=3', 'n'), { id: 1, kids: [{ id: 2, kids: [{ id: 3 }] }] });
  });
});
