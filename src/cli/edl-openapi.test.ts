// Golden files: each example .edl → its OpenAPI 3.1 document, checked in beside it as
// `x.openapi.json` (`RECORD=1` regenerates), valid for swagger-parser.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import SwaggerParser from '@apidevtools/swagger-parser';
import { compileEdlFiles } from '../idl/load.ts';
import { edlOpenApiDocument } from './edl-openapi.ts';

const DIR = join(import.meta.dirname, '../../examples/edl');

describe('EDL → OpenAPI 3.1 (golden files)', () => {
  for (const f of readdirSync(DIR).filter((x) => x.endsWith('.edl'))) {
    const golden = join(DIR, f.replace(/\.edl$/, '.openapi.json'));
    it(`${f} → ${f.replace(/\.edl$/, '.openapi.json')}`, () => {
      const c = compileEdlFiles([join(DIR, f)]);
      assert.deepEqual(c.diagnostics, []);
      const out = `${JSON.stringify(edlOpenApiDocument(c.program), null, 2)}\n`;
      if (process.env.RECORD) writeFileSync(golden, out);
      assert.equal(out, readFileSync(golden, 'utf8'));
    });

    it(`${f.replace(/\.edl$/, '.openapi.json')} is valid for swagger-parser`, async () => {
      // swagger-parser dereferences in place: it gets its own copy, parsed from the file.
      await SwaggerParser.validate(JSON.parse(readFileSync(golden, 'utf8')) as never);
    });
  }
});
