// docs/explorer.md: its module typechecks and its app serves the explorer page, its script, its
// style sheet and the API's description; the screenshot it shows exists.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { type App, type Running, serve } from '../src/index.ts';
import { blocks, load, typecheck, writeModules } from './helpers/docs.ts';
import { call } from './helpers/http.ts';

describe('docs/explorer.md', () => {
  let running: Running;
  let cleanup = () => {};
  before(async () => {
    const written = writeModules(blocks('docs/explorer.md'));
    cleanup = written.cleanup;
    assert.deepEqual(typecheck(written.modules.map((m) => m.file)), []);
    running = await serve((await load(written.modules[0]!.file)).app as App, { port: 0, host: '127.0.0.1' });
  });
  after(async () => {
    await running.close();
    cleanup();
  });

  it('serves the page and everything it loads', async () => {
    const page = await call(`${running.url}/ws/explorer`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type')!, /^text\/html/);
    for (const asset of [...page.text.matchAll(/(?:href|src)="([^"]+)"/g)].map((m) => m[1]!)) {
      assert.ok(asset.startsWith('/ws/explorer/'), `${asset} is served beside the page, not fetched from elsewhere`);
      assert.equal((await call(running.url + asset)).status, 200, asset);
    }
    const description = (await call(`${running.url}/ws/explorer/api.json`)).json as { functions: { name: string }[] };
    assert.deepEqual(
      description.functions.map((f) => f.name),
      ['person.get', 'person.list', 'person.update', 'person.create', 'person.destroy', 'person.watch'],
    );
  });

  it('is linked from the API’s index page (its assets are not)', async () => {
    const index = await call(`${running.url}/ws/`, { headers: { accept: 'text/html' } });
    const links = [...index.text.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!);
    assert.ok(links.includes('/ws/explorer'), links.join(' '));
    assert.deepEqual(
      links.filter((l) => l.startsWith('/ws/explorer/')),
      [],
    );
  });

  it('shows a screenshot that exists', () => {
    assert.ok(existsSync(new URL('../docs/explorer.png', import.meta.url)));
  });
});
