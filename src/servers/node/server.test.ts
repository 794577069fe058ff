import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { describe, it } from 'node:test';
import { controller, expose, root } from '../../api/index.ts';
import { t } from '../../schema/types.ts';
import { type App, createApp } from '../../protocols/app.ts';
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
    const running = await serve(
      demo(() => started()),
      { port: 0, host: '127.0.0.1' },
    );
    const answer = fetch(`${running.url}/x/c/slow?ms=300`).then(async (r) => ({ connection: r.headers.get('connection'), body: await r.text() }));
    await isStarted;
    // With a 60 s grace, close() resolving at all (the test's own timeout) shows nothing waited for it.
    await Promise.all([running.close(60_000), answer]);
    assert.deepEqual(await answer, { connection: 'close', body: '"done"' });
  });

  it('a client that leaves mid-body is neither a server error nor a hang', async () => {
    const serverErrors: unknown[] = [];
    const running = await serve(
      demo(() => {}),
      { port: 0, host: '127.0.0.1', onServerError: (e) => serverErrors.push(e) },
    );
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

  it("the writer owns Content-Length: a protocol's own never goes out twice", async () => {
    const inner = createApp(demo(() => {}));
    const app: App = {
      ...inner,
      handle: () => ({ status: 200, headers: { 'content-type': 'text/plain', 'Content-Length': '999', 'x-a': '1' }, body: 'hello' }),
    };
    const running = await serve(app, { port: 0, host: '127.0.0.1' });
    try {
      const { port } = new URL(running.url);
      const raw = await new Promise<string>((resolve, reject) => {
        let text = '';
        const socket = connect(Number(port), '127.0.0.1', () => socket.write('GET /x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'));
        socket.setEncoding('latin1');
        socket.on('data', (d: string) => {
          text += d;
        });
        socket.on('end', () => resolve(text));
        socket.on('error', reject);
      });
      const head = raw.split('\r\n\r\n')[0]!.toLowerCase().split('\r\n');
      assert.deepEqual(
        head.filter((l) => l.startsWith('content-length:')),
        ['content-length: 5'],
      );
      assert.equal(head.filter((l) => l.startsWith('connection:')).length, 1);
      assert.ok(head.includes('x-a: 1'));
      assert.ok(raw.endsWith('\r\n\r\nhello'));
    } finally {
      await running.close();
    }
  });
});
