// Express and Fastify are optional peer dependencies: no source file may import them as values,
// so the core (and every other adapter) loads without them installed.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sources(p, out);
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

it('src/ imports express and fastify as types only', () => {
  const offending: string[] = [];
  for (const file of sources('src')) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^\s*(import|export)\s+([^;]*?)\s+from\s+['"](express|fastify)(\/[^'"]*)?['"]/gm)) {
      if (!/^type\s/.test(m[2])) offending.push(`${file}: ${m[0].trim()}`);
    }
    if (/\bimport\(\s*['"](express|fastify)['"]\s*\)/.test(text) || /\brequire\(\s*['"](express|fastify)['"]\s*\)/.test(text))
      offending.push(`${file}: dynamic import`);
  }
  assert.deepEqual(offending, []);
});
