/**
 * `docs/types.md` runs: its example type is compiled from the page itself, its JSON and query
 * examples are decoded and encoded, and the reasons it lists are the ones the codecs use.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { pairsToTree, parsePairs } from './form.ts';
import { jsonDecoder, jsonEncoder } from './json.ts';
import { parseJson } from './jsontext.ts';
import { reason } from './scalars.ts';
import { textDecoder } from './text.ts';
import type { TSchema } from './types.ts';

const page = readFileSync(new URL('../../docs/types.md', import.meta.url), 'utf8');

/** The body of the fenced block whose info string is `lang name`. */
function block(lang: string, name: string): string {
  const m = new RegExp(`^\`\`\`${lang} ${name}\\n([\\s\\S]*?)^\`\`\`$`, 'm').exec(page);
  assert.ok(m, `docs/types.md has a \`\`\`${lang} ${name} block`);
  return m[1].trim();
}

const dir = mkdtempSync(join(tmpdir(), 'sb-types-doc-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Imports the page's TypeScript example, with `switchboard` pointing at this source tree. */
async function loadExample(): Promise<{ Person: TSchema }> {
  const schemaIndex = pathToFileURL(fileURLToPath(new URL('./index.ts', import.meta.url))).href;
  const source = block('ts', 'example').replace(/from 'switchboard'/g, `from '${schemaIndex}'`);
  assert.notEqual(source.indexOf(schemaIndex), -1, 'the example imports from switchboard');
  const file = join(dir, 'example.ts');
  writeFileSync(file, source);
  return (await import(pathToFileURL(file).href)) as { Person: TSchema };
}

describe('docs/types.md', () => {
  test('the JSON example decodes as the page says and encodes back to its output', async () => {
    const { Person } = await loadExample();
    const value = jsonDecoder(Person)(parseJson(block('json', 'example-in'), true), 'p') as Record<string, unknown>;
    assert.deepEqual(value, {
      id: 9007199254740993n,
      name: 'Zoë',
      born: '1990-02-28',
      balance: '1234.567890123456789',
      nick: null,
      photo: new Uint8Array([1, 2, 3]),
    });
    assert.ok(!('tags' in value), 'tags stays unset');
    assert.equal(jsonEncoder(Person)(value), block('json', 'example-out'));
  });

  test('the query example decodes and encodes to its output', async () => {
    const { Person } = await loadExample();
    const tree = pairsToTree(parsePairs(block('text', 'example-query')));
    const value = textDecoder(Person)(tree.p, 'p');
    assert.equal(jsonEncoder(Person)(value), block('json', 'example-query-out'));
  });

  test('the page lists every reason the codecs give', () => {
    for (const r of Object.values(reason)) assert.ok(page.includes(`| \`${r}\` |`), `docs/types.md lists "${r}"`);
  });

  test('the type table has a row for every builder', async () => {
    const { t } = await import('./types.ts');
    for (const name of Object.keys(t)) assert.ok(page.includes(`| \`t.${name}(`), `docs/types.md has a row for t.${name}`);
  });
});
