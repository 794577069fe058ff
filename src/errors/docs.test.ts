/**
 * `docs/errors.md` and the catalogues agree (as Fastify checks its errors page): the same runtime
 * codes, each with its kind, HTTP status and template, and an example that fits the template;
 * the same declaration codes with their templates; and the kind table equal to `errorKinds`.
 * Each protocol's fault table is checked against the page by `src/protocols/faults-docs.test.ts`.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { catalog, type ErrorCode } from './catalog.ts';
import { type DeclarationCode, declarationCatalog } from './declaration.ts';
import { type ErrorKind, errorKinds } from './kinds.ts';

const page = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');

interface Section {
  title: string;
  body: string;
}

/** The sections of `text` under headings of `level` (`'## '` or `'### '`). */
function sections(text: string, level: string): Section[] {
  return text
    .split(new RegExp(`^${level}`, 'm'))
    .slice(1)
    .map((chunk) => {
      const nl = chunk.indexOf('\n');
      return { title: chunk.slice(0, nl).trim(), body: chunk.slice(nl + 1) };
    });
}

const top = sections(page, '## ');
const part = (title: string): string => {
  const s = top.find((t) => t.title === title);
  assert.ok(s, `docs/errors.md has a "## ${title}" section`);
  return s.body;
};

const bullet = (body: string, label: string): string | undefined => new RegExp(`^- ${label}: (.*)$`, 'm').exec(body)?.[1];
const code = (text: string | undefined): string | undefined => (text ? /^`(.*)`$/.exec(text)?.[1] : undefined);
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Checks a section's description, its template and that its example fits it. */
function checkTemplate(section: Section, template: string): void {
  assert.ok(section.body.split('\n- ')[0].trim().length > 20, 'says when the error happens');
  assert.equal(code(bullet(section.body, 'Message')), template, 'template');
  const example = code(bullet(section.body, 'Example'));
  assert.ok(example, 'an example message');
  const shape = new RegExp(`^${escapeRe(template).replace(/\\\{\w+\\\}/g, '.+')}$`);
  assert.match(example, shape, 'the example fits the template');
}

describe('docs/errors.md: runtime errors', () => {
  const documented = sections(part('Runtime errors'), '### ');

  test('has one section per catalogue code, and no other', () => {
    const names = documented.map((s) => s.title);
    assert.deepEqual([...names].sort(), Object.keys(catalog).sort());
    assert.equal(new Set(names).size, names.length, 'a code is documented twice');
  });

  for (const section of documented) {
    test(section.title, () => {
      const entry = catalog[section.title as ErrorCode];
      assert.ok(entry, `${section.title} is not in src/errors/catalog.ts`);
      const kindLine = bullet(section.body, 'Kind');
      const m = kindLine && /^`(\w+)`, HTTP (\d{3})(?: \(overrides the kind's (\d{3})\))?$/.exec(kindLine);
      assert.ok(m, `a "- Kind: \`kind\`, HTTP nnn" line, got ${kindLine}`);
      assert.equal(m[1], entry.kind, 'kind');
      assert.equal(Number(m[3] ?? m[2]), errorKinds[entry.kind].status, 'HTTP status of the kind');
      checkTemplate(section, entry.template);
    });
  }
});

describe('docs/errors.md: declaration errors', () => {
  const documented = sections(part('Declaration errors'), '### ');

  test('has one section per declaration code, and no other', () => {
    const names = documented.map((s) => s.title);
    assert.deepEqual([...names].sort(), Object.keys(declarationCatalog).sort());
    assert.equal(new Set(names).size, names.length, 'a code is documented twice');
  });

  for (const section of documented) {
    test(section.title, () => {
      const entry = declarationCatalog[section.title as DeclarationCode];
      assert.ok(entry, `${section.title} is not in src/errors/declaration.ts`);
      assert.equal(bullet(section.body, 'Kind'), undefined, 'declaration errors have no kind: they are never sent');
      checkTemplate(section, entry.template);
    });
  }
});

describe('docs/errors.md: kinds', () => {
  test('the kind table is errorKinds', () => {
    const rows = [...part('Kinds').matchAll(/^\| `(\w+)` \| (\d{3}) \| (yes|no) \|$/gm)];
    assert.deepEqual(
      rows.map((r) => r[1]),
      Object.keys(errorKinds),
    );
    for (const [, kind, status, client] of rows) {
      const k = errorKinds[kind as ErrorKind];
      assert.deepEqual([Number(status), client === 'yes'], [k.status, k.client], kind);
    }
  });
});
