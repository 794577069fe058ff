/**
 * `docs/errors.md` and the catalogue agree (as Fastify checks its errors page): the same codes,
 * each with its kind, HTTP status and template, an example that fits the template, and the
 * kind table equal to `faultTable`.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { catalog, type ErrorCode } from './catalog.ts';
import { faultTable } from './table.ts';

const page = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');

interface Section {
  code: string;
  body: string;
}
const sections: Section[] = page
  .split(/^## /m)
  .slice(1)
  .map((chunk) => {
    const nl = chunk.indexOf('\n');
    return { code: chunk.slice(0, nl).trim(), body: chunk.slice(nl + 1) };
  });

const bullet = (body: string, label: string): string | undefined => new RegExp(`^- ${label}: (.*)$`, 'm').exec(body)?.[1];
const code = (text: string | undefined): string | undefined => (text ? /^`(.*)`$/.exec(text)?.[1] : undefined);
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('docs/errors.md', () => {
  test('has one section per catalogue code, and no other', () => {
    const documented = sections.map((s) => s.code);
    assert.deepEqual([...documented].sort(), Object.keys(catalog).sort());
    assert.equal(new Set(documented).size, documented.length, 'a code is documented twice');
  });

  for (const section of sections) {
    test(section.code, () => {
      const entry = catalog[section.code as ErrorCode];
      assert.ok(entry, `${section.code} is not in src/errors/catalog.ts`);
      assert.ok(section.body.split('\n- ')[0].trim().length > 20, 'says when the error happens');

      const kindLine = bullet(section.body, 'Kind');
      const m = kindLine && /^`(\w+)`, HTTP (\d{3})(?: \(overrides the kind's (\d{3})\))?$/.exec(kindLine);
      assert.ok(m, `a "- Kind: \`kind\`, HTTP nnn" line, got ${kindLine}`);
      assert.equal(m[1], entry.kind, 'kind');
      assert.equal(Number(m[3] ?? m[2]), faultTable[entry.kind].status, 'HTTP status of the kind');

      const template = code(bullet(section.body, 'Message'));
      assert.equal(template, entry.template, 'template');

      const example = code(bullet(section.body, 'Example'));
      assert.ok(example, 'an example message');
      const shape = new RegExp(`^${escapeRe(entry.template).replace(/\\\{\w+\\\}/g, '.+')}$`);
      assert.match(example, shape, 'the example fits the template');
    });
  }

  test('the kind table is faultTable', () => {
    const rows = [...page.matchAll(/^\| `(\w+)` \| (\d+) \| `(\w+)` \| `(\w+)` \| (-?\d+) \|$/gm)];
    assert.deepEqual(rows.map((r) => r[1]).sort(), Object.keys(faultTable).sort());
    for (const [, kind, status, faultcode, soap12, jsonrpc] of rows) {
      const f = faultTable[kind as keyof typeof faultTable];
      assert.deepEqual([Number(status), faultcode, soap12, Number(jsonrpc)], [f.status, f.faultcode, f.soap12, f.jsonrpc], kind);
    }
  });
});
