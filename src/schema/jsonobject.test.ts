import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { quote } from './json.ts';
import { complexEncoder, loopedComplexEncoder } from './jsonobject.ts';

const fail = (name: string): never => {
  throw new Error(`expected ${name}`);
};
const str = (v: unknown) => (typeof v === 'string' ? quote(v) : 'null');
const int = (v: unknown) => (typeof v === 'number' ? `${v}` : 'null');
const list = (v: unknown) => JSON.stringify(v);

describe('complex JSON encoder (generated code)', () => {
  // Names that would break or escape generated code if they were pasted into it unquoted.
  const names = ['id', 'a"b', 'back\\slash', "it's", '"]; throw 1; //', '\u2028line\u2029', `\${x}`, '__proto__', 'constructor', 'naïve', '😀'];
  const fields = names.map((name, i) => ({ name, ownOnly: name in Object.prototype, kind: i % 2 === 0 ? 'string' : 'integer', encode: i % 2 === 0 ? str : int }));
  const generated = complexEncoder('Odd', fields, quote, fail);
  const looped = loopedComplexEncoder('Odd', fields, fail);

  test('writes the same JSON as the loop, for every field name', () => {
    const value: Record<string, unknown> = {};
    for (const [i, n] of names.entries()) Object.defineProperty(value, n, { value: i % 2 === 0 ? `v${i}"` : i, enumerable: true });
    const out = generated(value);
    assert.equal(out, looped(value));
    assert.deepEqual(Object.keys(JSON.parse(out)), names);
  });

  test('leaves out undefined fields, writes {} for none, null for null', () => {
    assert.equal(generated({ id: 'x' }), '{"id":"x"}');
    assert.equal(generated({ 'a"b': 3 }), '{"a\\"b":3}');
    assert.equal(generated({}), '{}');
    assert.equal(generated(null), 'null');
    assert.equal(generated(undefined), 'null');
  });

  test('a value of the wrong kind goes to the field encoder', () => {
    assert.equal(generated({ id: 7, 'a"b': 'seven' }), '{"id":null,"a\\"b":null}');
    const nested = complexEncoder('N', [{ name: 'xs', ownOnly: false, kind: 'array', encode: list }], quote, fail);
    assert.equal(nested({ xs: [1, 'a'] }), '{"xs":[1,"a"]}');
  });

  test('a non-object is reported with the type name', () => {
    assert.throws(() => generated(42), /expected Odd/);
    assert.throws(() => looped('x'), /expected Odd/);
  });
});

describe('complex JSON encoder: what counts as a field', () => {
  class Named {
    constructor(readonly first: string) {}
    get greeting(): string {
      return `hi ${this.first}`;
    }
  }
  const fields = ['first', 'greeting', 'constructor', 'toString'].map((name) => ({ name, ownOnly: name in Object.prototype, kind: 'string', encode: str }));
  for (const [label, encode] of [
    ['generated', complexEncoder('Named', fields, quote, fail)],
    ['looped', loopedComplexEncoder('Named', fields, fail)],
  ] as const) {
    test(`${label}: a class's getters count, Object.prototype's members only when own`, () => {
      assert.equal(encode(new Named('Ross')), '{"first":"Ross","greeting":"hi Ross"}');
      assert.equal(encode({ first: 'a', constructor: 'b', toString: 'c' }), '{"first":"a","constructor":"b","toString":"c"}');
    });
  }
});
