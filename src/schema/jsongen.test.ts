import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { jsonDecoder, quote } from './json.ts';
import { complexEncoder, loopedComplexEncoder } from './jsongen.ts';
import { t } from './types.ts';

const fail = (name: string): never => {
  throw new Error(`expected ${name}`);
};
const str = (v: unknown) => (typeof v === 'string' ? quote(v) : 'null');
const int = (v: unknown) => (typeof v === 'number' ? `${v}` : 'null');
const list = (v: unknown) => JSON.stringify(v);
// Inline writers as json.ts hands them to the generated encoder.
const asString = { when: "typeof x === 'string'", write: 'quote(x)' };
const asInteger = { when: "typeof x === 'number' && Number.isInteger(x)", write: "'' + x" };

describe('complex JSON encoder (generated code)', () => {
  // Names that would break or escape generated code if they were pasted into it unquoted.
  const names = ['id', 'a"b', 'back\\slash', "it's", '"]; throw 1; //', '\u2028line\u2029', `\${x}`, '__proto__', 'constructor', 'naïve', '😀'];
  const fields = names.map((name, i) => ({
    name,
    ownOnly: name in Object.prototype,
    inline: i % 2 === 0 ? asString : asInteger,
    encode: i % 2 === 0 ? str : int,
  }));
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
    const nested = complexEncoder('N', [{ name: 'xs', ownOnly: false, inline: undefined, encode: list }], quote, fail);
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
  const fields = ['first', 'greeting', 'constructor', 'toString'].map((name) => ({ name, ownOnly: name in Object.prototype, inline: asString, encode: str }));
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

describe('generated JSON decoders keep every check', () => {
  const P = t.complex('P', {
    name: t.string({ maxLength: 3 }),
    n: t.integer({ minimum: 1 }),
    tags: t.array(t.string()),
    nums: t.array(t.integer({ maximum: 9 })),
    ok: t.boolean(),
  });
  const dec = (v: unknown) => jsonDecoder(P)(v, 'p');

  test('plain values pass as they are; others convert or fail with their path', () => {
    assert.deepEqual(dec({ name: 'abc', n: '5', tags: ['a'], nums: [1, '2'], ok: 1 }), { name: 'abc', n: 5, tags: ['a'], nums: [1, 2], ok: true });
    assert.throws(() => dec({ name: 'abcd' }), /p\.name\. Value: 'abcd'\. Value should have a maximum character requirement of 3/);
    assert.throws(() => dec({ n: 0 }), /p\.n\. Value: '0'\. Value should be greater or equal to 1/);
    assert.throws(() => dec({ tags: ['a', 2] }), /p\.tags\[1\]\. Value: '2'/);
    assert.throws(() => dec({ nums: [1, 10] }), /p\.nums\[1\]\. Value: '10'\. Value should be lower or equal to 9/);
    assert.throws(() => dec({ tags: [null] }), /p\.tags\[0\]\. Value: 'null'\. Value should not be null/);
    assert.throws(() => dec({ ok: null }), /p\.ok\. Value: 'null'\. Value should not be null/);
    assert.throws(() => dec([]), /Value should be an object \(P\)/);
  });

  test('with code generation refused, the closures give the same answers', () => {
    const script = `
      import { jsonDecoder, jsonEncoder } from './src/schema/json.ts';
      import { t } from './src/schema/types.ts';
      const P = t.complex('P', { id: t.integer(), name: t.string(), tags: t.array(t.string()) });
      const v = jsonDecoder(P)({ id: '7', name: 'x', tags: ['a'] }, 'p');
      let err = '';
      try { jsonDecoder(P)({ tags: ['a', 1] }, 'p'); } catch (e) { err = e.message; }
      let gen = 'allowed';
      try { new Function('return 1'); } catch { gen = 'refused'; }
      console.log(JSON.stringify({ gen, v, out: jsonEncoder(P)(v), err }));`;
    const out = execFileSync(process.execPath, ['--disallow-code-generation-from-strings', '--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: new URL('../..', import.meta.url),
      encoding: 'utf8',
    });
    const r = JSON.parse(out) as { gen: string; v: unknown; out: string; err: string };
    assert.equal(r.gen, 'refused');
    assert.deepEqual(r.v, { id: 7, name: 'x', tags: ['a'] });
    assert.equal(r.out, '{"id":7,"name":"x","tags":["a"]}');
    assert.match(r.err, /p\.tags\[1\]\. Value: '1'/);
  });
});
