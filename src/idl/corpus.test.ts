// The bad-file corpus: each file's diagnostics, with code frames, exactly as checked in beside
// it (`x.edl` → `x.expected`; `RECORD=1` regenerates them), and every catalogued code raised
// by one of the files.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { compileEdl } from './compile.ts';
import { EDL_DIAGNOSTICS } from './diagnostics.ts';
import { formatCompiled } from './load.ts';

const DIR = join(import.meta.dirname, 'corpus');
const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.edl'))
  .sort();

describe('EDL bad-file corpus', () => {
  const raised = new Set<string>();
  for (const f of files) {
    it(`${f}: its diagnostics are exactly ${f.replace(/\.edl$/, '.expected')}`, () => {
      const compiled = compileEdl({ path: f, text: readFileSync(join(DIR, f), 'utf8') });
      for (const d of compiled.diagnostics) raised.add(d.code);
      assert.equal(compiled.ok, false);
      const actual = formatCompiled(compiled);
      const expectedFile = join(DIR, f.replace(/\.edl$/, '.expected'));
      if (process.env.RECORD) writeFileSync(expectedFile, actual);
      assert.equal(actual, readFileSync(expectedFile, 'utf8'));
    });
  }
  it('raises every catalogued code', () => {
    const missing = Object.keys(EDL_DIAGNOSTICS).filter((c) => !raised.has(c));
    assert.deepEqual(missing, [], `no corpus file raises ${missing.join(', ')}`);
  });
});
