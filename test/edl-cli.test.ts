/** `switchboard edl check|types|openapi` and `switchboard serve file.edl --handlers module`, run as the command itself. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { call, postJson } from './helpers/http.ts';
import { type Child, cli, reap } from './helpers/spawn.ts';

describe('switchboard edl and serve <file.edl>', () => {
  let child: Child | undefined;
  afterEach(() => reap(child));

  it('edl check: a good file exits 0', async () => {
    child = cli(['edl', 'check', 'examples/edl/books.edl']);
    assert.equal(await child.exited(), 0);
    assert.equal(child.stdout, '1 file(s) checked: no errors\n');
  });

  it('edl check: every diagnostic with its code frame, exit 1', async () => {
    child = cli(['edl', 'check', 'src/idl/corpus/seed.edl']);
    assert.equal(await child.exited(), 1);
    assert.equal(
      child.stderr,
      `${readFileSync('src/idl/corpus/seed.expected', 'utf8').replaceAll('seed.edl:', 'src/idl/corpus/seed.edl:')}\n1 file(s) checked: 5 error(s)\n`,
    );
  });

  it('edl types prints the golden TypeScript', async () => {
    child = cli(['edl', 'types', 'examples/edl/books.edl']);
    assert.equal(await child.exited(), 0);
    assert.equal(child.stdout, readFileSync('examples/edl/books.types.ts', 'utf8'));
  });

  it('edl openapi prints the golden OpenAPI document', async () => {
    child = cli(['edl', 'openapi', 'examples/edl/books.edl']);
    assert.equal(await child.exited(), 0);
    assert.equal(child.stdout, readFileSync('examples/edl/books.openapi.json', 'utf8'));
  });

  it('edl openapi of a file with errors: the diagnostics, exit 1, no document', async () => {
    child = cli(['edl', 'openapi', 'src/idl/corpus/seed.edl']);
    assert.equal(await child.exited(), 1);
    assert.equal(child.stdout, '');
    assert.match(child.stderr, /error EDL0\d\d/);
  });

  it('serve without handlers: one start-up error naming every operation', async () => {
    child = cli(['serve', 'examples/edl/books.edl', '--port', '0']);
    assert.equal(await child.exited(), 1);
    assert.match(child.stderr, /No handler for 11 declared function\(s\): GetBookById, GetBook, GetBooks, CreateBook,/);
  });

  it('serve with --handlers answers at the paths the file declares', async () => {
    child = cli(['serve', 'examples/edl/books.edl', '--handlers', 'examples/edl/store.ts', '--port', '0', '--quiet']);
    const [, url] = await child.waitFor(/serving \w+ at (http:\/\/[\d.:]+)\//);
    const created = await postJson(`${url}/api/training-plan`, { name: 'Base', weeks: 4 });
    assert.equal(created.status, 201);
    assert.deepEqual((await call(`${url}/api/training-plan/1`)).json, { id: 1, name: 'Base', weeks: 4 });
  });

  it('serve --watch: a changed file is recompiled and swapped in; one with errors keeps the last good API', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-edl-watch-'));
    const file = join(dir, 'books.edl');
    const original = readFileSync('examples/edl/books.edl', 'utf8');
    writeFileSync(file, original);
    try {
      child = cli(['serve', file, '--handlers', 'examples/edl/store.ts', '--watch', '--port', '0', '--quiet']);
      const [, url] = await child.waitFor(/serving \w+ at (http:\/\/[\d.:]+)\//);
      assert.equal((await postJson(`${url}/api/training-plan`, { name: 'Base', weeks: 4 })).status, 201);

      writeFileSync(file, original.replace('method dashesLowercase', 'method dashesLowercas'));
      await child.waitFor(/is not served \(the last good version still is\):[\s\S]*error EDL027: unknown naming method dashesLowercas/, 'stderr');
      assert.equal((await call(`${url}/api/training-plan/1`)).status, 200);

      writeFileSync(file, original.replace('method dashesLowercase', 'method underscoreLowercase'));
      await child.waitFor(/recompiled and serving the new API/, 'stderr');
      // The new paths, the same handlers (the plan created before is still there).
      assert.deepEqual((await call(`${url}/api/training_plan/1`)).json, { id: 1, name: 'Base', weeks: 4 });
      assert.equal((await call(`${url}/api/training-plan/1`)).status, 404);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
