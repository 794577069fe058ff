/**
 * Type-level proofs of `Static<>` inference: `tsc --noEmit` (part of `npm test`) fails if an
 * `Expect<Equal<…>>` is false or an `@ts-expect-error` line stops being an error. The runtime
 * tests below check the schemas the builders produce.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type Static, t } from './types.ts';

type Equal<A, B> = (<X>() => X extends A ? 1 : 2) extends <X>() => X extends B ? 1 : 2 ? true : false;
type Expect<T extends true> = T;

const Inner = t.complex('Inner', { n: t.integer() });
const Person = t.complex(
  'Person',
  {
    id: t.int64(),
    name: t.string(),
    photo: t.binary(),
    kind: t.enum(['admin', 'user']),
    level: t.enum([1, 2, 3]),
    nick: t.nullable(t.string()),
    tags: t.array(t.string()),
    scores: t.dict(t.number()),
    inner: Inner,
    born: t.date(),
    price: t.decimal(),
    ok: t.boolean(),
  },
  { mandatory: ['id', 'name'] },
);
type P = Static<typeof Person>;

export type Proofs = [
  Expect<Equal<Static<ReturnType<typeof t.int64>>, bigint>>,
  Expect<Equal<Static<ReturnType<typeof t.binary>>, Uint8Array>>,
  Expect<Equal<Static<ReturnType<typeof t.integer>>, number>>,
  Expect<Equal<Static<ReturnType<typeof t.decimal>>, string>>,
  Expect<Equal<Static<ReturnType<typeof t.datetime>>, string>>,
  Expect<Equal<Static<ReturnType<typeof t.boolean>>, boolean>>,
  Expect<Equal<P['id'], bigint>>,
  Expect<Equal<P['photo'], Uint8Array | undefined>>,
  Expect<Equal<P['kind'], 'admin' | 'user' | undefined>>,
  Expect<Equal<P['level'], 1 | 2 | 3 | undefined>>,
  Expect<Equal<P['nick'], string | null | undefined>>,
  Expect<Equal<P['tags'], string[] | undefined>>,
  Expect<Equal<P['scores'], Record<string, number> | undefined>>,
  Expect<Equal<P['inner'], { n?: number } | undefined>>,
  Expect<Equal<Static<ReturnType<typeof t.nullable<ReturnType<typeof t.integer>>>>, number | null>>,
];

// Mandatory attributes only: every other attribute may be unset.
const minimal: P = { id: 1n, name: 'x' };
// @ts-expect-error a mandatory attribute (name) is missing
const noName: P = { id: 1n };
// @ts-expect-error int64 is a bigint, not a number
const numberId: P = { id: 1, name: 'x' };
// @ts-expect-error binary is a Uint8Array, not a base64 string
const textPhoto: P = { id: 1n, name: 'x', photo: 'AA==' };
// @ts-expect-error not one of the enum's values
const badKind: P = { id: 1n, name: 'x', kind: 'root' };
// @ts-expect-error not one of the numeric enum's values
const badLevel: P = { id: 1n, name: 'x', level: 4 };
// null is allowed only where the type says nullable
const nullNick: P = { id: 1n, name: 'x', nick: null };
// @ts-expect-error a non-nullable attribute does not take null
const nullName: P = { id: 1n, name: null };
// @ts-expect-error an unknown attribute
const extra: P = { id: 1n, name: 'x', age: 3 };

const Node = t.recursive('Node', (self) => t.complex('Node', { id: t.integer(), kids: t.array(self) }));
type N = Static<typeof Node>;
const tree: N = { id: 1, kids: [{ kids: [{ id: 3 }] }] };
// @ts-expect-error recursive items are Nodes too
const badTree: N = { kids: [{ id: 'x' }] };

export const samples = { minimal, noName, numberId, textPhoto, badKind, badLevel, nullNick, nullName, extra, tree, badTree };

describe('builders', () => {
  test('complex types are closed, named objects with optional attributes', () => {
    assert.equal(Person.$id, 'Person');
    assert.equal(Person.additionalProperties, false);
    assert.deepEqual(Person.required, ['id', 'name']);
  });
  test('scalar formats and enums are plain JSON Schema', () => {
    assert.equal(t.date().format, 'date');
    assert.equal(t.datetime().format, 'date-time');
    assert.equal(t.time().format, 'time');
    assert.equal(t.decimal().format, 'decimal');
    assert.deepEqual(t.enum(['a', 'b']).enum, ['a', 'b']);
    assert.equal(t.enum([1, 2]).type, 'integer');
    assert.equal(t.enum(['a'], { name: 'Letter' }).$id, 'Letter');
  });
  test('options carry through', () => {
    assert.equal(t.string({ maxLength: 3 }).maxLength, 3);
    assert.equal(t.integer({ minimum: 1 }).minimum, 1);
    assert.equal(t.int64({ maximum: 10n }).maximum, 10n);
    assert.equal(t.array(t.string(), { minItems: 1 }).minItems, 1);
    assert.equal(t.string({ description: 'd' }).description, 'd');
    assert.equal(t.date({ description: 'when' }).description, 'when');
  });
});
