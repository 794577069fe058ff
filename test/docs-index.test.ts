// The guides' index links every guide in docs/, and every link points at a file that exists.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';

const dir = new URL('../docs/', import.meta.url);

test('docs/README.md links every guide, and only guides that exist', () => {
  const index = readFileSync(new URL('README.md', dir), 'utf8');
  const linked = new Set([...index.matchAll(/\]\(([\w-]+\.md)\)/g)].map((m) => m[1]));
  const guides = readdirSync(dir).filter((f) => f.endsWith('.md') && f !== 'README.md');
  for (const g of guides) assert.ok(linked.has(g), `docs/README.md does not link ${g}`);
  for (const l of linked) assert.ok(existsSync(new URL(l, dir)), `docs/README.md links a missing ${l}`);
});
