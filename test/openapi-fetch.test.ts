// A typed client generated from the served document, as docs/openapi.md shows: openapi-typescript
// turns the persons demo's /ws/openapi.json into types, TypeScript checks the guide's client
// module (openapi-fetch) (a wrong argument type is an error), and that client calls the
// running demo.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import openapiTS, { astToString } from 'openapi-typescript';
import type { Running } from '../src/index.ts';
import { startDemo } from './helpers/demo.ts';
import { load, typecheck } from './helpers/docs.ts';
import { repo } from './helpers/spawn.ts';

/** The guide's client module, and lines that must not typecheck (each with its expected error). */
const guide = readFileSync(new URL('../docs/openapi.md', import.meta.url), 'utf8');
const CLIENT = /```ts\n(\/\/ file: client\.ts\n[\s\S]*?)^```$/m.exec(guide)![1]!;
const WRONG = `
export function neverCalled(baseUrl: string) {
  const api = createClient<paths>({ baseUrl });
  // @ts-expect-error: id is an integer
  void api.GET('/person/get', { params: { query: { id: 'one' } } });
  // @ts-expect-error: no such path
  void api.GET('/person/nope');
}
`;

describe('openapi-typescript + openapi-fetch against the persons demo', () => {
  let demo: Running;
  let dir: string;
  before(async () => {
    demo = await startDemo();
    dir = mkdtempSync(join(tmpdir(), 'sb-openapi-fetch-'));
    // The generated client resolves openapi-fetch as an application would: from node_modules.
    symlinkSync(join(repo, 'node_modules'), join(dir, 'node_modules'), 'dir');
  });
  after(async () => {
    await demo.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('generates types that a typed client uses to call the demo', async () => {
    const doc = await (await fetch(`${demo.url}/ws/openapi.json`)).json();
    const types = join(dir, 'persons.ts');
    writeFileSync(types, astToString(await openapiTS(doc)));
    const client = join(dir, 'client.ts');
    writeFileSync(client, CLIENT + WRONG);
    assert.deepEqual(typecheck([types, client]), []);

    const { run } = (await load(client)) as { run: (base: string) => Promise<unknown> };
    assert.deepEqual(await run(`${demo.url}/ws`), { firstname: 'Ross', created: 3, count: 3, status: 400, code: 'SB_CLIENT_ERROR' });
  });
});
