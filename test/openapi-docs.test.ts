// docs/openapi.md: its module is served beside the persons demo, and each `excerpt=<path>` block
// is part of the document served at that path (every key and item shown is there and equal;
// the document may hold more).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { personsRoot } from '../examples/persons/app.ts';
import { type ApiDef, type Running, serve } from '../src/index.ts';
import { load, typecheck, writeModules } from './helpers/docs.ts';
import { call } from './helpers/http.ts';
import { excerpts, fileBlock, holds } from './helpers/holds.ts';

const page = readFileSync(new URL('../docs/openapi.md', import.meta.url), 'utf8');
const shown = excerpts(page);

describe('docs/openapi.md examples', () => {
  let running: Running;
  let cleanup = () => {};
  before(async () => {
    const shop = fileBlock(page, 'shop.ts');
    const written = writeModules([{ lang: 'ts', code: shop, line: 0 }]);
    cleanup = written.cleanup;
    assert.deepEqual(typecheck(written.modules.map((m) => m.file)), []);
    const mod = await load(written.modules[0]!.file);
    running = await serve([personsRoot(), mod.default as ApiDef], { port: 0, host: '127.0.0.1' });
  });
  after(async () => {
    await running.close();
    cleanup();
  });

  it('has excerpts of the demo and of the module', () => {
    assert.deepEqual(
      shown.map((e) => e.path),
      ['/ws/openapi.json', '/shop/v1/openapi.json'],
    );
  });

  for (const [i, e] of shown.entries()) {
    it(`excerpt ${i + 1} is part of ${e.path}`, async () => {
      const a = await call(running.url + e.path);
      assert.equal(a.status, 200);
      holds(a.json, e.json);
    });
  }
});
