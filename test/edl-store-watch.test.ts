/** `switchboard serve <file.edl> --store … --watch`: each version of the file is served over the same tables. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { call, postJson } from './helpers/http.ts';
import { type Child, cli, reap } from './helpers/spawn.ts';

const SHELF = 'examples/edl/shelf.edl';
const SERVING = /serving \w+ at (http:\/\/[\d.:]+)\//;

describe('serve <file.edl> --store --watch', () => {
  let dir: string;
  let child: Child | undefined;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'sb-edl-watch-store-'));
  });
  afterEach(() => reap(child));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('--watch: a changed file is served again over the same tables', async () => {
    const file = join(dir, 'shelf.edl');
    const original = readFileSync(SHELF, 'utf8');
    writeFileSync(file, original);
    for (const store of ['memory', `sqlite:${join(dir, 'watched.sqlite')}`]) {
      writeFileSync(file, original);
      child = cli(['serve', file, '--store', store, '--watch', '--port', '0', '--quiet']);
      const [, url] = await child.waitFor(SERVING);
      assert.equal((await postJson(`${url}/author`, { name: 'Lem' })).status, 201);
      writeFileSync(file, original.replace('defaultLimit = 10', 'defaultLimit = 5'));
      await child.waitFor(/recompiled and serving the new API/, 'stderr');
      assert.deepEqual(
        ((await call(`${url}/author`)).json as { name: string }[]).map((a) => a.name),
        ['Lem'],
        store,
      );
      child.proc.kill('SIGTERM');
      await child.exited();
    }
  });
});
