import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { describe, it } from 'node:test';
import { controller, expose, root } from '../../api/index.ts';
import { t } from '../../schema/types.ts';
import { type App, createApp } from '../../protocols/app.ts';
import { SMALL_BODY } from './body.ts';
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

  it('a small body with a declared length is read before the app is asked; a large or chunked one is left to the protocol', async () => {
    const seen: { now: number | undefined; read: number }[] = [];
    const inner = createApp(demo(() => {}));
    const app: App = {
      ...inner,
      handle: (req) =>
        req.body(1 << 20).then((bytes) => {
          seen.push({ now: req.bodyNow?.byteLength, read: bytes.byteLength });
          return { status: 200, headers: { 'content-type': 'text/plain' }, body: String(bytes.byteLength) };
        }),
    };
    const running = await serve(app, { port: 0, host: '127.0.0.1' });
    try {
      const post = (body: BodyInit) => fetch(`${running.url}/x`, { method: 'POST', body, duplex: 'half' } as RequestInit).then((r) => r.text());
      assert.equal(await post('x'.repeat(10)), '10');
      assert.equal(await post('x'.repeat(SMALL_BODY)), String(SMALL_BODY));
      assert.equal(await post('x'.repeat(SMALL_BODY + 1)), String(SMALL_BODY + 1));
      // A stream: chunked, no declared length.
      const chunked = new ReadableStream({
        start(c) {
          c.enqueue(new TextEncoder().encode('abc'));
          c.close();
        },
      });
      assert.equal(await post(chunked), '3');
      assert.deepEqual(seen, [
        { now: 10, read: 10 },
        { now: SMALL_BODY, read: SMALL_BODY },
        { now: undefined, read: SMALL_BODY + 1 },
        { now: undefined, read: 3 },
      ]);
    } finally {
      await running.close();
    }
  });

  it('a client that leaves during a small body: the app is still asked, and the body is SB_BODY_ENDED_EARLY', async () => {
    let told!: (code: string) => void;
    const code = new Promise<string>((resolve) => {
      told = resolve;
    });
    const inner = createApp(demo(() => {}));
    const app: App = {
      ...inner,
      handle: (req) =>
        req.body(1 << 20).then(
          () => ({ status: 200, headers: {}, body: 'read' }),
          (err: { code?: string }) => {
            told(String(err.code));
            return { status: 400, headers: {}, body: 'gone' };
          },
        ),
    };
    const running = await serve(app, { port: 0, host: '127.0.0.1' });
    try {
      const { port } = new URL(running.url);
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write('POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\npartial');
        setImmediate(() => socket.destroy());
      });
      socket.on('error', () => {});
      assert.equal(await code, 'SB_BODY_ENDED_EARLY');
    } finally {
      await running.close();
    }
  });
});
