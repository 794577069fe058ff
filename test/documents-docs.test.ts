// docs/documents.md: every document path the table shows for the demo answers 200, and the
// index block is part of the demo's page at /ws/.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Running } from '../src/index.ts';
import { startDemo } from './helpers/demo.ts';
import { call } from './helpers/http.ts';

const page = readFileSync(new URL('../docs/documents.md', import.meta.url), 'utf8');

describe('docs/documents.md', () => {
  let running: Running;
  before(async () => {
    running = await startDemo();
  });
  after(() => running.close());

  it('shows paths the demo serves', async () => {
    const paths = [...page.matchAll(/`(\/ws\/[^`]*)`/g)].map((m) => m[1]!);
    assert.ok(paths.length >= 8, paths.join(' '));
    for (const p of paths) assert.equal((await call(running.url + p, { headers: { accept: 'text/html' } })).status, 200, p);
  });

  it('shows the documents list of the demo’s index page', async () => {
    const shown = /^```html\n([\s\S]*?)^```$/m.exec(page)![1]!.trim();
    const served = (await call(`${running.url}/ws/`, { headers: { accept: 'text/html' } })).text;
    assert.ok(served.includes(shown), served);
  });
});
