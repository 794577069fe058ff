// The WebSocket's last gaps (issue 10, defect 7): a client's protocol error is logged as one
// warning line without a stack (it is the client's mistake, not the server's), and the
// `allowedOrigins` option refuses handshakes from pages of other origins.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import WebSocket from 'ws';
import { createApp } from '../../src/index.ts';
import { WebsocketServer } from '../../src/servers/ws/index.ts';
import { Client, startWs, wsRoot } from '../ws-fixture.ts';

interface Line {
  level: string;
  obj: object;
  msg?: string;
}

function recorder() {
  const lines: Line[] = [];
  const at = (level: string) => (obj: object, msg?: string) => lines.push({ level, obj, msg });
  return { lines, logger: { info: at('info'), warn: at('warn'), error: at('error') } };
}

/** Opens a socket with these headers; resolves with the HTTP status of a refused handshake, or 101. */
function handshake(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('unexpected-response', (req, res) => {
      // With this listener, ws leaves the refused request to us: end it, or it keeps the process alive.
      req.destroy();
      resolve(res.statusCode ?? 0);
    });
    ws.once('error', reject);
  });
}

describe('hostile input: WebSocket protocol errors of a client', () => {
  it('are logged at warn, in one line, without a stack', async () => {
    const { lines, logger } = recorder();
    const s = await startWs({ logger });
    try {
      const c = await Client.open(s.url);
      // A text frame that is not UTF-8: a protocol error of the client (closed with 1007).
      c.ws.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
      assert.equal((await c.closed).code, 1007);
      const deadline = Date.now() + 5000;
      while (!lines.some((l) => l.level === 'warn') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      assert.deepEqual(
        lines.filter((l) => l.level === 'error'),
        [],
      );
      const warn = lines.find((l) => l.level === 'warn');
      assert.ok(warn, 'a warning was logged');
      const text = JSON.stringify(warn);
      assert.ok(!text.includes('\\n    at '), `no stack: ${text}`);
      assert.ok(!('err' in warn.obj), 'no error object (pino would print its stack)');
      assert.ok(text.length < 300, text);
      assert.match(warn.msg ?? '', /^websocket protocol error from the client: /);
    } finally {
      await s.close();
    }
  });
});

describe('hostile input: allowedOrigins', () => {
  it('off by default: any Origin connects', async () => {
    const s = await startWs();
    try {
      assert.equal(await handshake(s.url, { origin: 'https://evil.example' }), 101);
    } finally {
      await s.close();
    }
  });

  it('refuses other origins with 403; listed ones, the server’s own and clients without an Origin connect', async () => {
    const s = await startWs({ allowedOrigins: ['https://app.example.com', 'http://localhost:5173'] });
    try {
      const own = new URL(s.running.url).origin;
      assert.equal(await handshake(s.url, { origin: 'https://evil.example' }), 403);
      assert.equal(await handshake(s.url, { origin: 'null' }), 403);
      assert.equal(await handshake(s.url, { origin: 'https://app.example.com.evil.example' }), 403);
      assert.equal(await handshake(s.url, { origin: 'https://app.example.com' }), 101);
      assert.equal(await handshake(s.url, { origin: 'HTTPS://APP.example.com' }), 101);
      assert.equal(await handshake(s.url, { origin: 'http://localhost:5173' }), 101);
      assert.equal(await handshake(s.url, { origin: own }), 101);
      assert.equal(await handshake(s.url, {}), 101);
    } finally {
      await s.close();
    }
  });

  it('the refusal is a Forbidden fault naming the origin', async () => {
    const s = await startWs({ allowedOrigins: [] });
    try {
      const body = await new Promise<string>((resolve, reject) => {
        const ws = new WebSocket(s.url, { headers: { origin: 'https://evil.example' } });
        ws.once('unexpected-response', (req, res) => {
          let text = '';
          res.on('data', (d: Buffer) => {
            text += d;
          });
          res.on('end', () => {
            req.destroy();
            resolve(text);
          });
        });
        ws.once('open', () => reject(new Error('connected')));
        ws.once('error', reject);
      });
      const fault = JSON.parse(body) as { code: string; faultstring: string };
      assert.equal(fault.code, 'SB_FORBIDDEN');
      assert.match(fault.faultstring, /origin https:\/\/evil\.example/);
    } finally {
      await s.close();
    }
  });

  it('a bad option is refused at start-up', () => {
    for (const bad of ['app.example.com', 'https://app.example.com/path', 'null', 'ftp://x']) {
      assert.throws(() => new WebsocketServer(createApp(wsRoot()), { allowedOrigins: [bad] }), /allowedOrigins/, bad);
    }
  });
});

describe('hostile input: seed frames found by the sweep', () => {
  it('a body nested too deeply to write again as JSON is the client’s fault, not a Server error', async () => {
    const s = await startWs();
    try {
      const c = await Client.open(s.url);
      const deep = `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`;
      c.send(`{"uuid":"u1","method":"POST","path":"/ws/t/echo","headers":{"content-type":"application/json"},"body":${deep}}`);
      const f = await c.next((x) => x.uuid === 'u1');
      assert.equal(f.code, 400, JSON.stringify(f).slice(0, 300));
      c.close();
    } finally {
      await s.close();
    }
  });
});

describe('hostile input: a seed frame whose uuid is not text', () => {
  it('an array nested 20,000 deep is refused as an invalid frame (no String() of it), and the socket goes on', async () => {
    const s = await startWs();
    try {
      const c = await Client.open(s.url);
      const deep = `${'['.repeat(20_000)}1${']'.repeat(20_000)}`;
      c.send(`{"uuid":${deep},"method":"POST","path":"/ws/t/echo","headers":{"content-type":"application/json"},"body":{"a":1}}`);
      const f = await c.next((x) => x.path === '/ws/t/echo');
      assert.equal(f.code, 400, JSON.stringify(f).slice(0, 300));
      c.send('{"uuid":"u2","method":"POST","path":"/ws/t/echo","headers":{"content-type":"application/json"},"body":{"a":1}}');
      assert.equal((await c.next((x) => x.uuid === 'u2')).code, 200);
      c.close();
    } finally {
      await s.close();
    }
  });
});

describe('hostile input: an overflowing JSON number over the WebSocket', () => {
  it('is named as sent, in RPC frames and in JSON-RPC', async () => {
    const s = await startWs();
    try {
      const c = await Client.open(s.url);
      c.send('{"id":1,"method":"t.echo","params":{"a":1e400}}');
      const f = (await c.next((x) => x.id === 1)) as { error: { faultstring: string } };
      assert.match(f.error.faultstring, /Value: '1e400'/);
      c.close();
      const j = await Client.open(s.url, 'jsonrpc');
      j.send('{"jsonrpc":"2.0","id":2,"method":"t.echo","params":{"a":-4E+999}}');
      const g = (await j.next((x) => x.id === 2)) as { error: { message: string } };
      assert.match(g.error.message, /Value: '-4E\+999'/);
      j.close();
    } finally {
      await s.close();
    }
  });
});
