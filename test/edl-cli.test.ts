/** `switchboard edl check|types` and `switchboard serve file.edl --handlers module`, run as the command itself. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
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
});
