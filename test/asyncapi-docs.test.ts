// docs/asyncapi.md: each `excerpt=<path>` block is part of the document the persons demo serves there.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Running } from '../src/index.ts';
import { startDemo } from './helpers/demo.ts';
import { call } from './helpers/http.ts';
import { excerpts, holds } from './helpers/holds.ts';

const shown = excerpts(readFileSync(new URL('../docs/asyncapi.md', import.meta.url), 'utf8'));

describe('docs/asyncapi.md examples', () => {
  let running: Running;
  before(async () => {
    running = await startDemo();
  });
  after(() => running.close());

  it('has an excerpt of the demo’s document', () => {
    assert.deepEqual(
      shown.map((e) => e.path),
      ['/ws/asyncapi.json'],
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
