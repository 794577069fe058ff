import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { describe, it } from 'node:test';
import { controller, expose, root, t } from '../../index.ts';
import { serve } from './server.ts';

function demo(onStarted: () => void) {
  return root({
    webpath: 'x',
    controllers: {
      c: controller({
        slow: expose({ args: { ms: t.integer() }, returns: t.string() }, async ({ ms }) => {
          onStarted();
          await new Promise((resolve) => setTimeout(resolve, ms));
          return 'done';
        }),
        echo: expose({ args: { s: t.string() }, returns: t.string() }, ({ s }) => s),
      }),
    },
  });
}

describe('servers/node', () => {
  it('close(): in-flight answers finish and close their keep-alive connection, so the stop does not wait', async () => {
    let started!: () => void;
    const isStarted = new Promise<void>((resolve) => {
      started = resolve;
    });
    const running = await serve(demo(() => started()), { port: 0, host: '127.0.0.1' });
    const answer = fetch(`${running.url}/x/c/slow?ms=300`).then(async (r) => ({ connection: r.headers.get('connection'), body: await r.text() }));
    await isStarted;
    // With a 60 s grace, close() resolving at all (the test's own timeout) shows nothing waited for it.
    await Promise.all([running.close(60_000), answer]);
    assert.deepEqual(await answer, { connection: 'close', body: '"done"' });
  });

  it('a client that leaves mid-body is neither a server error nor a hang', async () => {
    const serverErrors: unknown[] = [];
    const running = await serve(demo(() => {}), { port: 0, host: '127.0.0.1', onServerError: (e) => serverErrors.push(e) });
    try {
      const { port } = new URL(running.url);
      await new Promise<void>((resolve, reject) => {
        const socket = connect(Number(port), '127.0.0.1', () => {
          socket.write('POST /x/c/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"s": "par');
          setImmediate(() => socket.destroy());
          socket.on('close', () => resolve());
        });
        socket.on('error', reject);
      });
      // The server still answers, and recorded no server fault for the abandoned request.
      const r = await fetch(`${running.url}/x/c/echo?s=ok`);
      assert.equal(await r.text(), '"ok"');
      assert.deepEqual(serverErrors, []);
    } finally {
      await running.close();
    }
  });
});
