import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { t } from './types.ts';
import { escapeXmlText } from './xmltext.ts';
import { XsdTypes } from './xsd.ts';
import { xsdPattern } from './xsdpattern.ts';

describe('xsdPattern: ECMAScript patterns in the XSD dialect', () => {
  it('rewrites what the dialects spell differently', () => {
    const cases: [string, string][] = [
      ['[a-z]+', '[a-z]+'],
      ['^[A-Z]{2,3}$', '[A-Z]{2,3}'],
      ['^a|b$', 'a|b'],
      ['(?:ab)+c?', '(ab)+c?'],
      ['\\d{4}-\\d{2}', '[0-9]{4}\\-[0-9]{2}'],
      ['[\\w.]+@\\w+', '[a-zA-Z0-9_\\.]+@[a-zA-Z0-9_]+'],
      ['a.c', 'a[^\\n\\r\u2028\u2029]c'],
      ['\\D\\W', '[^0-9][^a-zA-Z0-9_]'],
      ['a*?b+?', 'a*b+'],
      ['\\u00e9\\u{1F600}\\x41', 'é😀A'],
      ['\\uD83D\\uDE00', '😀'],
      ['\\$\\/\\^', '$/\\^'],
      ['[^\\s]', `[^ \\t\\n\\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]`],
      ['[-a]|[a-]', '[\\-a]|[a\\-]'],
      ['\\p{Lu}\\P{Nd}', '\\p{Lu}\\P{Nd}'],
      ['\\t\\n\\r', '\\t\\n\\r'],
    ];
    for (const [js, xsd] of cases) assert.equal(xsdPattern(js), xsd, js);
  });

  it('refuses what XSD cannot say (the codec still checks it)', () => {
    for (const js of [
      'a(?=b)',
      'a(?!b)',
      '(?<=a)b',
      '(a)\\1',
      '(?<n>a)\\k<n>',
      '\\bword\\b',
      'a^b',
      'a$b',
      '(^a)',
      '\\v',
      '\\f',
      '\\0',
      '[\\b]',
      '[^]',
      '[]',
      '\\cA',
      '[\\D]',
      '\\p{Script=Greek}',
      '(',
      '\\u0001',
    ]) {
      assert.equal(xsdPattern(js), undefined, js);
    }
  });

  it('the XSD writer carries the pattern as an xs:pattern facet, escaped for XML', () => {
    const el = new XsdTypes().element('v', t.string({ pattern: '^<[a-z&"]+>$' }));
    assert.equal(
      el,
      '<xs:element name="v"><xs:simpleType><xs:restriction base="xs:string"><xs:pattern value="&lt;[a-z&amp;&quot;]+&gt;"/></xs:restriction></xs:simpleType></xs:element>',
    );
    assert.equal(new XsdTypes().element('v', t.string({ pattern: 'a(?=b)' })), '<xs:element name="v" type="xs:string"/>');
  });

  it('xmllint, validating against the generated schema, accepts exactly what the ECMAScript pattern matches', () => {
    const patterns: [string, string[]][] = [
      ['[a-z]+', ['abc', '', 'aBc', 'abc ']],
      ['^[A-Z]{2,3}$', ['AB', 'ABC', 'A', 'ABCD', '^AB$']],
      ['^a|b$', ['a', 'b', 'ab', '']],
      ['(?:ab)+c?', ['ab', 'ababc', 'abc', 'a', 'abcab']],
      ['\\d{4}-\\d{2}', ['2024-01', '٢٠٢٤-01', '2024-1', '2024_01']],
      ['[\\w.]+@\\w+', ['a.b@c', 'é@c', 'a@b.c', 'a_1@x_2']],
      ['a.c', ['abc', 'a\nc', 'a\u2028c', 'a c', 'ac']],
      ['\\D\\W', ['a!', '1!', 'aa', 'é ']],
      ['a*?b+?', ['b', 'aab', 'aabb', 'a']],
      ['\\u00e9\\u{1F600}', ['é😀', 'e😀', 'é']],
      ['\\$\\/\\^', ['$/^', '$/', '\\$\\/\\^']],
      ['[^\\s]+', ['abc', 'a b', 'a\u00a0b', 'a\tb', 'é']],
      ['[-a]+', ['-a-', 'b', '']],
      ['\\p{Lu}\\P{Nd}', ['Ab', 'A1', 'aB', 'É!']],
      ['x\\sy', ['x y', 'x\ty', 'x\u3000y', 'xy']],
      ['[+*?(){}|]+', ['+*?', '(){}|', 'a']],
    ];
    const dir = mkdtempSync(join(tmpdir(), 'sb-xsdpattern-'));
    try {
      const types = new XsdTypes();
      const elements = patterns.map(([js], i) => types.element(`p${i}`, t.string({ pattern: js })));
      for (const [js] of patterns) assert.notEqual(xsdPattern(js), undefined, js);
      writeFileSync(join(dir, 's.xsd'), `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">${elements.join('')}</xs:schema>`);
      const files: { file: string; js: string; sample: string; matches: boolean }[] = [];
      patterns.forEach(([js, samples], i) => {
        samples.forEach((sample, j) => {
          const file = join(dir, `d${i}_${j}.xml`);
          writeFileSync(file, `<p${i}>${escapeXmlText(sample)}</p${i}>`);
          files.push({ file, js, sample, matches: new RegExp(`^(?:${js})$`, 'u').test(sample) });
        });
      });
      const r = spawnSync('xmllint', ['--noout', '--schema', join(dir, 's.xsd'), ...files.map((f) => f.file)], { encoding: 'utf8' });
      assert.equal(r.error, undefined, 'xmllint runs');
      assert.doesNotMatch(r.stderr, /failed to compile|WXS schema .* failed|parser error/, r.stderr);
      for (const f of files) {
        const valid = r.stderr.includes(`${f.file} validates`);
        assert.ok(valid || r.stderr.includes(`${f.file} fails to validate`), `xmllint said nothing of ${f.file}`);
        assert.equal(
          valid,
          f.matches,
          `${JSON.stringify(f.sample)} against /${f.js}/: ECMAScript ${f.matches ? 'matches' : 'does not match'}, xmllint ${valid ? 'validates' : 'refuses'}`,
        );
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
