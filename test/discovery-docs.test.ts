// docs/discovery.md: its endpoint module is served, each `excerpt=<path>` block is part of the
// document served there, and its googleapis-common client module runs against it as shown.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { type ApiDef, type Running, serve } from '../src/index.ts';
import { load, typecheck, writeModules } from './helpers/docs.ts';
import { call } from './helpers/http.ts';
import { excerpts, fileBlock, holds } from './helpers/holds.ts';

const page = readFileSync(new URL('../docs/discovery.md', import.meta.url), 'utf8');
const shown = excerpts(page);

describe('docs/discovery.md examples', () => {
  let running: Running;
  let cleanup = () => {};
  let client: string;
  before(async () => {
    const written = writeModules([
      { lang: 'ts', code: fileBlock(page, 'ferris.ts'), line: 0 },
      { lang: 'ts', code: fileBlock(page, 'client.ts'), line: 0 },
    ]);
    cleanup = written.cleanup;
    const [ferris, clientModule] = written.modules.map((m) => m.file);
    client = clientModule!;
    // The client module imports googleapis-common as an application does: from node_modules (writeModules links it).
    assert.deepEqual(typecheck([ferris!, client]), []);
    running = await serve((await load(ferris!)).default as ApiDef, { port: 0, host: '127.0.0.1' });
  });
  after(async () => {
    await running.close();
    cleanup();
  });

  it('has the excerpt of the REST description', () => {
    assert.deepEqual(
      shown.map((e) => e.path),
      ['/_ah/api/discovery/v1/apis/ferris/v1/rest'],
    );
  });

  for (const [i, e] of shown.entries()) {
    it(`excerpt ${i + 1} is part of ${e.path}`, async () => {
      const a = await call(running.url + e.path);
      assert.equal(a.status, 200);
      holds(a.json, e.json);
      assert.equal((a.json as { rootUrl: string }).rootUrl, `${running.url}/_ah/api/`);
    });
  }

  it('runs the client module as the guide says', async () => {
    const { run } = (await load(client)) as { run: (root: string) => Promise<unknown> };
    const post = { id: '1', title: 'Hello', published: '2024-01-02' };
    assert.deepEqual(await run(`${running.url}/_ah/api/`), { list: [post], titles: [{ title: 'Hello' }], refused: 401, one: post });
  });
});
