import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as v from 'valibot';
import { z } from 'zod';
import { OptionalKind, type TSchema } from '@sinclair/typebox';
import { type Field, shapeOf } from './describe.ts';
import { fromStandard, isStandardSchema, unrepresentableOf } from './standard.ts';
import { t } from './types.ts';
import { XsdTypes } from './xsd.ts';

const nameOf = (s: TSchema): string | undefined => {
  const shape = shapeOf(s);
  return shape.k === 'complex' ? shape.name : undefined;
};
const fieldsOf = (s: TSchema): readonly Field[] => {
  const shape = shapeOf(s);
  return shape.k === 'complex' ? shape.fields : [];
};
const optional = (s: TSchema): unknown => (s as unknown as Record<PropertyKey, unknown>)[OptionalKind];

const kinds = (s: ReturnType<typeof fromStandard>): Record<string, string> => {
  const shape = shapeOf(s);
  assert.equal(shape.k, 'complex');
  return Object.fromEntries(shape.k === 'complex' ? shape.fields.map((f) => [f.name, `${shapeOf(f.schema).k}${f.required ? '' : '?'}`]) : []);
};

describe('Standard Schema conversion', () => {
  it('tells Standard Schemas from TypeBox ones', () => {
    assert.equal(isStandardSchema(z.string()), true);
    assert.equal(isStandardSchema(v.string()), true);
    assert.equal(isStandardSchema(t.string()), false);
    assert.equal(isStandardSchema({ '~standard': { version: 2 } }), false);
  });

  it('reads a zod object into a named complex type of the model', () => {
    const Person = z
      .object({
        name: z.string().min(1).max(10),
        age: z.int().min(0).optional(),
        born: z.iso.date(),
        seen: z.iso.datetime(),
        tags: z.array(z.string()),
        scores: z.record(z.string(), z.number()),
        color: z.enum(['red', 'green']),
        nick: z.string().nullable(),
        zip: z.string().regex(/^\d{5}$/),
        address: z.object({ city: z.string() }),
        level: z.number().default(3),
      })
      .meta({ id: 'Person' });
    const s = fromStandard(Person, { name: 'P' });
    assert.equal(nameOf(s), 'Person');
    assert.deepEqual(kinds(s), {
      name: 'string',
      age: 'integer?',
      born: 'date',
      seen: 'datetime',
      tags: 'array',
      scores: 'dict',
      color: 'enum',
      nick: 'nullable',
      zip: 'string',
      address: 'complex',
      level: 'number?',
    });
    const address = fieldsOf(s).find((f) => f.name === 'address');
    assert.equal(address && nameOf(address.schema), 'PersonAddress');
    // In the result's form (output), a field with a default is always there.
    assert.equal(kinds(fromStandard(Person, { io: 'output' })).level, 'number');
  });

  it('reads a valibot object, naming it from its title or the name given', () => {
    const P = v.object({ name: v.pipe(v.string(), v.maxLength(5)), at: v.optional(v.pipe(v.string(), v.isoDate())), n: v.nullable(v.number()) });
    const s = fromStandard(P, { name: 'Item' });
    assert.equal(nameOf(s), 'Item');
    assert.deepEqual(kinds(s), { name: 'string', at: 'date?', n: 'nullable' });
    assert.equal(nameOf(fromStandard(v.pipe(P, v.title('Thing')))), 'Thing');
  });

  it('makes an argument the library accepts as absent optional', () => {
    assert.equal(optional(fromStandard(z.string().optional())), 'Optional');
    assert.equal(optional(fromStandard(v.optional(v.string()))), 'Optional');
    assert.equal(optional(fromStandard(z.string())), undefined);
  });

  it('reads a recursive zod type into a recursive model type', () => {
    type Node = { name: string; children: Node[] };
    const NodeS: z.ZodType<Node> = z
      .object({
        name: z.string(),
        get children() {
          return z.array(NodeS);
        },
      })
      .meta({ id: 'TreeNode' });
    const s = fromStandard(NodeS);
    const xsd = new XsdTypes();
    xsd.element('root', s);
    assert.match(xsd.definitions().join('\n'), /complexType name="TreeNode"/);
  });

  it('reads an unnamed recursive zod type as one recursive type named by its place', () => {
    type Node = { name: string; children: Node[] };
    const NodeS: z.ZodType<Node> = z.object({
      name: z.string(),
      get children() {
        return z.array(NodeS);
      },
    });
    const xsd = new XsdTypes();
    xsd.element('root', fromStandard(NodeS, { name: 'Tree' }));
    assert.deepEqual(
      xsd.definitions().map((d) => /name="(\w+)"/.exec(d)?.[1]),
      ['Tree', 'Tree_Array'],
    );
  });

  const cases: [string, Parameters<typeof fromStandard>[0], RegExp, 'input' | 'output'][] = [
    ['a zod tuple', z.object({ at: z.tuple([z.number(), z.number()]) }), /tuple/, 'input'],
    ['a valibot tuple', v.object({ at: v.tuple([v.number(), v.number()]) }), /tuple/, 'input'],
    ['a union of objects', z.union([z.object({ a: z.string() }), z.object({ b: z.number() })]), /union of different types/, 'input'],
    ['a valibot intersection', v.intersect([v.object({ a: v.string() }), v.object({ b: v.number() })]), /intersection/, 'input'],
    ['a transform in a result', z.object({ n: z.string().transform(Number) }), /Transforms/, 'output'],
    ['a valibot transform in a result', v.pipe(v.string(), v.transform(Number)), /transform/, 'output'],
    ['a bigint', z.object({ big: z.bigint() }), /BigInt/, 'input'],
    ['a Date', z.object({ when: z.date() }), /Date/, 'input'],
    ['a Map', z.object({ m: z.map(z.string(), z.number()) }), /Map/, 'input'],
    ['a union of a string and a number', z.union([z.string(), z.number()]), /several types/, 'input'],
    ['a discriminated union', z.discriminatedUnion('k', [z.object({ k: z.literal('a') }), z.object({ k: z.literal('b'), n: z.number() })]), /union/, 'input'],
    ['a boolean literal', z.literal(true), /literal values true/, 'input'],
    ['a catchall', z.object({ a: z.string() }).catchall(z.number()), /catchall/, 'input'],
  ];
  for (const [what, schema, construct, io] of cases) {
    it(`stands in for ${what} with what cannot be represented`, () => {
      const s = fromStandard(schema, { io });
      const bad = unrepresentableOf(s);
      assert.ok(bad, 'a stand-in');
      assert.match(bad.construct, construct);
    });
  }

  it('names where a construct is, when the library or the JSON says', () => {
    assert.equal(unrepresentableOf(fromStandard(z.object({ a: z.object({ at: z.tuple([z.number()]) }) })))?.at, '.a.at');
    assert.equal(unrepresentableOf(fromStandard(z.object({ big: z.bigint() })))?.at, '.big');
  });

  it('leaves to valibot the validations JSON Schema cannot say', () => {
    const s = fromStandard(
      v.pipe(
        v.object({ a: v.string() }),
        v.check((o) => o.a !== 'x', 'not x'),
      ),
    );
    assert.equal(unrepresentableOf(s), undefined);
    assert.deepEqual(kinds(s), { a: 'string' });
  });

  it('makes one type of the same object used twice', () => {
    const Address = z.object({ city: z.string() }).meta({ title: 'Address' });
    const s = fromStandard(z.object({ home: Address, work: Address }));
    const [home, work] = fieldsOf(s);
    assert.equal(home?.schema, work?.schema);
  });

  it('reads literal unions and nullable enums into enums', () => {
    assert.deepEqual(shapeOf(fromStandard(z.union([z.literal('a'), z.literal('b')]))).k, 'enum');
    assert.deepEqual(shapeOf(fromStandard(z.enum(['a', 'b']).nullable())).k, 'nullable');
    assert.deepEqual(shapeOf(fromStandard(v.picklist([1, 2]))).k, 'enum');
  });

  it('keeps a JSON Schema pattern a search, and a whole-value one whole', () => {
    const contains = fromStandard(z.string().regex(/ab/));
    const shape = shapeOf(contains);
    assert.ok(shape.k === 'string' && shape.pattern?.test('xxabyy'));
    const whole = shapeOf(fromStandard(z.string().regex(/^ab$/)));
    assert.ok(whole.k === 'string' && whole.pattern?.test('ab') && !whole.pattern.test('xab'));
  });

  it('a transform in an argument is read from its input side', () => {
    const s = fromStandard(z.object({ n: z.string().transform(Number) }));
    assert.deepEqual(kinds(s), { n: 'string' });
  });
});
