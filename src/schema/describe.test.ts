import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Type } from '@sinclair/typebox';
import { shapeOf } from './describe.ts';
import { typeName } from './typename.ts';
import { t } from './types.ts';

describe('shapeOf', () => {
  test('every builder has its shape', () => {
    const cases: [ReturnType<typeof shapeOf>['k'], Parameters<typeof shapeOf>[0]][] = [
      ['string', t.string()],
      ['integer', t.integer()],
      ['number', t.number()],
      ['int64', t.int64()],
      ['boolean', t.boolean()],
      ['decimal', t.decimal()],
      ['date', t.date()],
      ['time', t.time()],
      ['datetime', t.datetime()],
      ['binary', t.binary()],
      ['enum', t.enum(['a'])],
      ['array', t.array(t.string())],
      ['dict', t.dict(t.string())],
      ['nullable', t.nullable(t.string())],
      ['complex', t.complex('C', {})],
      ['any', t.any()],
      ['null', Type.Null()],
    ];
    for (const [k, s] of cases) assert.equal(shapeOf(s).k, k);
  });
  test('string bounds and an anchored unicode pattern', () => {
    const shape = shapeOf(t.string({ minLength: 1, maxLength: 5, pattern: 'a|b' }));
    assert.ok(shape.k === 'string');
    assert.equal(shape.minLength, 1);
    assert.equal(shape.maxLength, 5);
    assert.equal(shape.pattern?.test('a'), true);
    assert.equal(shape.pattern?.test('ab'), false);
  });
  test('complex fields: optional unless mandatory; plain TypeBox objects too', () => {
    const shape = shapeOf(t.complex('P', { id: t.integer(), name: t.string() }, { mandatory: ['id'] }));
    assert.ok(shape.k === 'complex');
    assert.equal(shape.name, 'P');
    assert.deepEqual(
      shape.fields.map((f) => [f.name, f.required]),
      [
        ['id', true],
        ['name', false],
      ],
    );
    const plain = shapeOf(Type.Object({ a: Type.String(), b: Type.Optional(Type.String()) }, { title: 'Plain' }));
    assert.ok(plain.k === 'complex');
    assert.equal(plain.name, 'Plain');
    assert.deepEqual(
      plain.fields.map((f) => f.required),
      [true, false],
    );
  });
  test('enum values and name', () => {
    const shape = shapeOf(t.enum(['x', 'y'], { name: 'Letter' }));
    assert.ok(shape.k === 'enum');
    assert.deepEqual(shape.values, ['x', 'y']);
    assert.equal(shape.name, 'Letter');
  });
  test('TypeBox literals and unions of literals are enums', () => {
    const one = shapeOf(Type.Literal('only'));
    assert.ok(one.k === 'enum');
    assert.deepEqual(one.values, ['only']);
    const some = shapeOf(Type.Union([Type.Literal('a'), Type.Literal(2)], { $id: 'AorTwo' }));
    assert.ok(some.k === 'enum');
    assert.deepEqual(some.values, ['a', 2]);
    assert.equal(some.name, 'AorTwo');
    assert.throws(() => shapeOf(Type.Literal(true)), /cannot carry a schema of kind Literal/);
  });
  test('recursive types resolve their self-reference to the type', () => {
    const Node = t.recursive('Node', (self) => t.complex('Node', { kids: t.array(self) }));
    const shape = shapeOf(Node);
    assert.ok(shape.k === 'complex');
    const kids = shapeOf(shape.fields[0].schema);
    assert.ok(kids.k === 'array');
    assert.equal(shapeOf(kids.items), shape);
    assert.equal(typeName(kids.items), 'Node');
  });
  test('is cached per schema', () => {
    const s = t.string();
    assert.equal(shapeOf(s), shapeOf(s));
  });
  test('schemas Switchboard cannot carry are refused at registration', () => {
    assert.throws(() => shapeOf(Type.Union([Type.String(), Type.Integer()])), /cannot carry a schema of kind Union/);
    assert.throws(() => shapeOf(Type.Date()), /cannot carry a schema of kind Date/);
  });
});

describe('typeName', () => {
  test('WSME-style names', () => {
    assert.equal(typeName(t.integer()), 'integer');
    assert.equal(typeName(t.array(t.complex('Person', {}))), 'Person[]');
    assert.equal(typeName(t.dict(t.integer())), 'dict(str, integer)');
    assert.equal(typeName(t.nullable(t.date())), 'date?');
    assert.equal(typeName(t.enum(['a', 'b'])), 'Enum(a, b)');
    assert.equal(typeName(t.enum(['a'], { name: 'Kind' })), 'Kind');
  });
});
