// Golden files: each example .edl → its TypeScript, checked in beside it (`RECORD=1` regenerates).
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { compileEdlFiles } from './load.ts';
import { emitTypeScript } from './typescript.ts';

const DIR = join(import.meta.dirname, '../../examples/edl');

describe('EDL → TypeScript (golden files)', () => {
  for (const f of readdirSync(DIR).filter((x) => x.endsWith('.edl'))) {
    it(`${f} → ${f.replace(/\.edl$/, '.types.ts')}`, () => {
      const c = compileEdlFiles([join(DIR, f)]);
      assert.deepEqual(c.diagnostics, []);
      const out = emitTypeScript(c.program, f);
      const golden = join(DIR, f.replace(/\.edl$/, '.types.ts'));
      if (process.env.RECORD) writeFileSync(golden, out);
      assert.equal(out, readFileSync(golden, 'utf8'));
    });
  }
});
