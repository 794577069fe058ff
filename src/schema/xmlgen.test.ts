import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { xmlEncoder } from './xml.ts';
import { escapeXmlText } from './xmlescape.ts';
import { complexXmlEncoder, loopedComplexXmlEncoder } from './xmlgen.ts';
import { t } from './types.ts';

const fail = (tag: string, name: string): never => {
  throw new Error(`${tag}: expected ${name}`);
};
const nil = (tag: string) => `<${tag} nil="true"/>`;
const leaf = (tag: string, text: string) => (text === '' ? `<${tag}/>` : `<${tag}>${text}</${tag}>`);
const str = (v: unknown, tag: string) => (typeof v === 'string' ? leaf(tag, escapeXmlText(v)) : nil(tag));
const int = (v: unknown, tag: string) => (typeof v === 'number' ? leaf(tag, `${v}`) : nil(tag));
// Inline writers as xmlencode.ts hands them to the generated encoder.
const asString = { when: "typeof x === 'string'", text: 'esc(x)', empty: true };
const asInteger = { when: "typeof x === 'number' && Number.isFinite(x)", text: "'' + x", empty: false };
const writing = { prefix: '', nil, escape: escapeXmlText, fail };

describe('complex XML encoder (generated code)', () => {
  // Names that would break or escape generated code if they were pasted into it unquoted.
  const names = ['id', 'a.b', 'x-y', '__proto__', 'constructor', 'naïve', 'toString', '_'];
  const fields = names.map((name, i) => ({
    name,
    ownOnly: name in Object.prototype,
    inline: i % 2 === 0 ? asString : asInteger,
    encode: i % 2 === 0 ? str : int,
  }));
  const generated = complexXmlEncoder('Odd', fields, writing);
  const looped = loopedComplexXmlEncoder('Odd', fields, writing);

  test('writes the same XML as the loop, for every field name', () => {
    const value: Record<string, unknown> = {};
    for (const [i, n] of names.entries()) Object.defineProperty(value, n, { value: i % 2 === 0 ? `v<${i}>&` : i, enumerable: true });
    const out = generated(value, 'r');
    assert.equal(out, looped(value, 'r'));
    assert.match(out, /^<r><id>v&lt;0&gt;&amp;<\/id><a\.b>1<\/a\.b><x-y>v&lt;2&gt;&amp;<\/x-y>/);
  });

  test('leaves out undefined fields, writes an empty element for none and for an empty string, nil for null', () => {
    assert.equal(generated({ id: 'x' }, 'r'), '<r><id>x</id></r>');
    assert.equal(generated({ id: '' }, 'r'), '<r><id/></r>');
    assert.equal(generated({}, 'r'), '<r/>');
    assert.equal(generated(null, 'r'), '<r nil="true"/>');
    assert.equal(generated(undefined, 'r'), '<r nil="true"/>');
    // An inherited property is not an own field (`ownOnly`): `constructor` is not written.
    assert.equal(generated({ 'a.b': 0 }, 'r'), '<r><a.b>0</a.b></r>');
  });

  test('a value of the wrong kind goes to the field encoder', () => {
    assert.equal(
      generated({ id: 7, 'a.b': 'seven', 'x-y': null, naïve: Number.NaN }, 'r'),
      '<r><id nil="true"/><a.b nil="true"/><x-y nil="true"/><naïve>NaN</naïve></r>',
    );
  });

  test('a non-object is reported with the type name', () => {
    assert.throws(() => generated(42, 'r'), /r: expected Odd/);
    assert.throws(() => looped('x', 'r'), /r: expected Odd/);
  });

  test('the prefix is written on every element', () => {
    const p = complexXmlEncoder('P', [{ name: 'id', ownOnly: false, inline: asInteger, encode: int }], { ...writing, prefix: 'tns:' });
    assert.equal(p({ id: 3 }, 'r'), '<tns:r><tns:id>3</tns:id></tns:r>');
    assert.equal(p({}, 'r'), '<tns:r/>');
  });

  test('through the schema: inline leaves write what their own encoders write', () => {
    const P = t.complex('P', { s: t.string(), i: t.integer(), n: t.number(), b: t.boolean(), d: t.date(), list: t.array(t.string()) });
    const encode = xmlEncoder(P, { nil: 'xsi' });
    const v = { s: 'a&b', i: -0, n: Number.POSITIVE_INFINITY, b: false, d: new Date(Date.UTC(2020, 1, 3)), list: ['x', ''] };
    assert.equal(encode(v, 'result'), '<result><s>a&amp;b</s><i>0</i><n>INF</n><b>false</b><d>2020-02-03</d><list><item>x</item><item/></list></result>');
    assert.equal(encode({ s: null, b: true }, 'result'), '<result><s xsi:nil="true"/><b>true</b></result>');
    assert.throws(() => encode({ i: 'x' }, 'result'), /expected integer/);
  });

  test('where code generation is refused, the loop writes the same', () => {
    const script = `
      import { xmlEncoder } from './src/schema/xml.ts';
      import { t } from './src/schema/types.ts';
      const P = t.complex('P', { id: t.integer(), name: t.string(), ok: t.boolean() });
      let gen = 'allowed';
      try { new Function('return 1'); } catch { gen = 'refused'; }
      console.log(JSON.stringify({ gen, out: xmlEncoder(P)({ id: 7, name: 'x<', ok: true }, 'p') }));`;
    const out = execFileSync(process.execPath, ['--disallow-code-generation-from-strings', '--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: new URL('../..', import.meta.url),
      encoding: 'utf8',
    });
    const r = JSON.parse(out) as { gen: string; out: string };
    assert.equal(r.gen, 'refused');
    assert.equal(r.out, '<p><id>7</id><name>x&lt;</name><ok>true</ok></p>');
  });
});
