// docs/client.md: its module typechecks against the demo's declaration and runs as the guide says.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Running } from '../src/index.ts';
import { type WebsocketServer, attachWebsocket } from '../src/servers/ws/index.ts';
import { startDemo } from './helpers/demo.ts';
import { blocks, load, typecheck, writeModules } from './helpers/docs.ts';

describe('docs/client.md', () => {
  let running: Running;
  let sockets: WebsocketServer;
  let cleanup = () => {};
  let file: string;
  before(async () => {
    const written = writeModules(blocks('docs/client.md'));
    cleanup = written.cleanup;
    file = written.modules[0]!.file;
    // writeModules links the repository's node_modules beside the module (for its openapi-fetch import).
    running = await startDemo();
    sockets = attachWebsocket(running, {});
  });
  after(async () => {
    await sockets.close(200);
    await running.close(200);
    cleanup();
  });

  it('typechecks', () => {
    assert.deepEqual(typecheck([file]), []);
  });

  it('runs as shown', async () => {
    const { run } = (await load(file)) as { run: (base: string) => Promise<unknown> };
    assert.deepEqual(await run(`${running.url}/ws`), { name: 'Ross', count: true, fault: [400, 'SB_CLIENT_ERROR', 'Unknown ID'], change: 'created Rachel' });
  });
});
