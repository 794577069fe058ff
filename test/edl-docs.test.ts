// docs/edl.md against the code: its example module (typechecked, served and called as shown),
// its EDL examples (each compiles clean), and its diagnostics table (the catalogue, both ways).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { booksApi } from '../examples/edl/app.ts';
import { EDL_DIAGNOSTICS, compileEdl, createApp, serve } from '../src/index.ts';
import { blocks, runGuide } from './helpers/docs.ts';

const guide = blocks('docs/edl.md');

describe('docs/edl.md', () => {
  it('its example module compiles and answers as shown', () =>
    runGuide('docs/edl.md', () => serve(createApp(booksApi({ database: ':memory:' })), { port: 0, host: '127.0.0.1' })));

  it('each EDL example compiles without a diagnostic', () => {
    const edl = guide.filter((b) => b.lang === 'edl');
    assert.ok(edl.length > 0);
    for (const b of edl) assert.deepEqual(compileEdl({ path: `edl.md:${b.line}`, text: b.code }).diagnostics, [], `block at line ${b.line}`);
  });

  it('documents every code of the catalogue, and only those', () => {
    const text = readFileSync(new URL('../docs/edl.md', import.meta.url), 'utf8');
    const documented = [...text.matchAll(/^\| (EDL\d{3}) \|/gm)].map((m) => m[1]);
    assert.deepEqual(documented, Object.keys(EDL_DIAGNOSTICS));
  });
});
