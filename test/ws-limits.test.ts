// WebSocket limits and health: message size, calls in flight, bad frames, dead peers, slow
// readers, shutdown and socket errors — with `ws` (and a raw TCP socket) as the client.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { connect } from 'node:net';
import { describe, it } from 'node:test';
import { Client, type Probe, startWs, wsRoot } from './ws-fixture.ts';

/** Polls `cond` every 10 ms for at most `ms`. */
async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('WebSocket limits', () => {
  it('a message over maxPayload closes the socket with 1009; the server keeps serving', async () => {
    const s = await startWs({ maxPayload: 1024 });
    try {
      const c = await Client.open(s.url);
      c.send({ id: 1, method: 't.echo', params: { a: 1, b: 'x'.repeat(2000) } });
      assert.equal((await c.closed).code, 1009);
      const d = await Client.open(s.url);
      assert.equal((await d.call(1, 't.echo', { a: 1 })).status, 200);
      d.close();
    } finally {
      await s.close();
    }
  });

  it('calls over maxInFlight get a 429 error frame; duplicate ids a 400', async () => {
    const s = await startWs({ maxInFlight: 2 });
    try {
      const c = await Client.open(s.url);
      c.send({ id: 1, method: 't.slow', params: { ms: 200, tag: 'a' } });
      c.send({ id: 1, method: 't.slow', params: { ms: 1, tag: 'dup' } });
      c.send({ id: 2, method: 't.slow', params: { ms: 200, tag: 'b' } });
      c.send({ id: 3, method: 't.echo', params: { a: 3 } });
      assert.deepEqual(await c.next((f) => f.id === 3), {
        id: 3,
        status: 429,
        error: { faultcode: 'Client', faultstring: 'Too many calls in flight on this connection (limit 2)', code: 'SB_TOO_MANY_CALLS' },
      });
      const dup = await c.next((f) => f.id === 1 && f.status === 400);
      assert.deepEqual(dup.error, { faultcode: 'Client', faultstring: 'A call with id 1 is already in flight', code: 'SB_DUPLICATE_ID' });
      await c.next((f) => f.id === 2 && f.status === 200);
      assert.equal((await c.call(4, 't.echo', { a: 4 })).status, 200);
      c.close();
    } finally {
      await s.close();
    }
  });

  it('bad frames get an error frame, or close 1007 for bad UTF-8; the server keeps serving', async () => {
    const s = await startWs();
    try {
      const c = await Client.open(s.url);
      const errorOf = async (raw: string) => {
        const from = c.frames.length;
        c.send(raw);
        return (await c.next((f) => f.id === null, 5000, from)).error;
      };
      assert.deepEqual(await errorOf('{bad'), { faultcode: 'Client', faultstring: 'Invalid frame: not valid json', code: 'SB_INVALID_FRAME' });
      assert.deepEqual(await errorOf('[1, 2]'), { faultcode: 'Client', faultstring: 'Invalid frame: a frame must be an object', code: 'SB_INVALID_FRAME' });
      assert.deepEqual(await errorOf('{"method": "t.echo"}'), {
        faultcode: 'Client',
        faultstring: 'Invalid frame: id must be a number or a string',
        code: 'SB_INVALID_FRAME',
      });
      assert.deepEqual((await c.call(5, 42 as unknown as string)).error, {
        faultcode: 'Client',
        faultstring: 'Invalid frame: method must be a string',
        code: 'SB_INVALID_FRAME',
      });
      assert.equal((await c.call(6, 't.echo', 'text')).status, 400);
      // Binary JSON is read as UTF-8 text.
      c.ws.send(Buffer.from('{"id": 7, "method": "t.echo", "params": {"a": 7}}'), { binary: true });
      assert.equal((await c.next((f) => f.id === 7)).result, '7:-');
      c.ws.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: true });
      assert.equal((await c.closed).code, 1007);

      const d = await Client.open(s.url);
      d.ws.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
      assert.equal((await d.closed).code, 1007);

      const e = await Client.open(s.url);
      assert.equal((await e.call(1, 't.echo', { a: 1 })).status, 200);
      e.close();
    } finally {
      await s.close();
    }
  });
});

describe('WebSocket health', () => {
  it('pings every pingInterval; a peer that does not answer is cut off, one that does stays', async () => {
    const s = await startWs({ pingInterval: 150 });
    try {
      const dead = await Client.open(s.url, undefined, { autoPong: false });
      const live = await Client.open(s.url);
      let pings = 0;
      live.ws.on('ping', () => pings++);
      assert.equal((await dead.closed).code, 1006);
      await until(() => pings >= 3);
      assert.equal(live.ws.readyState, live.ws.OPEN);
      assert.equal(s.wss.connections.size, 1);
      live.close();
    } finally {
      await s.close();
    }
  });

  it('a slow reader: its stream waits while the buffer is over the high-water mark, then goes on', async () => {
    const probe: Probe = { produced: 0, closed: 0 };
    const s = await startWs({ highWaterMark: 64 * 1024, hardLimit: 256 * 1024 * 1024 }, wsRoot(probe));
    try {
      const c = await Client.open(s.url);
      c.ws.pause();
      c.send({ id: 1, method: 't.endless', params: { size: 16 * 1024 } });
      const conn = () => [...s.wss.connections][0];
      await until(() => conn()?.isPaused === true, 20000);
      const atPause = probe.produced;
      await sleep(300);
      // The stream is held while the client does not read: the server's queue stays near the
      // high-water mark (the kernel may take a little more as its buffers grow), never unbounded.
      assert.ok(probe.produced - atPause < 64, `produced ${probe.produced - atPause} items while paused`);
      assert.ok(conn().ws.bufferedAmount < 2 * 64 * 1024 + 16 * 1024, `queued ${conn().ws.bufferedAmount} bytes`);
      c.ws.resume();
      await until(() => probe.produced > atPause + 10);
      c.send({ id: 1, cancel: true });
      const done = await c.next((f) => f.id === 1 && f.done === true, 20000);
      assert.equal(done.cancelled, true);
      assert.equal(probe.closed, 1);
      c.close();
    } finally {
      await s.close();
    }
  });

  it('a reader past the hard limit is cut off; the server keeps serving', async () => {
    const s = await startWs({ highWaterMark: 64 * 1024, hardLimit: 512 * 1024 });
    try {
      const c = await Client.open(s.url);
      c.ws.pause();
      for (let i = 0; i < 40; i++) c.send({ id: i, method: 't.big', params: { size: 1024 * 1024 } });
      await until(() => s.wss.connections.size === 0, 20000);
      c.ws.resume();
      assert.equal((await c.closed).code, 1006);
      const d = await Client.open(s.url);
      assert.equal((await d.call(1, 't.echo', { a: 1 })).status, 200);
      d.close();
    } finally {
      await s.close();
    }
  });

  it('shutdown closes every socket with 1001 and refuses new ones', async () => {
    const s = await startWs();
    try {
      const a = await Client.open(s.url);
      const b = await Client.open(s.url);
      a.send({ id: 1, method: 't.count', params: { n: 1 } });
      const closing = s.wss.close(2000);
      assert.equal((await a.closed).code, 1001);
      assert.equal((await b.closed).code, 1001);
      await closing;
      await assert.rejects(Client.open(s.url), /HTTP 503/);
    } finally {
      await s.running.close(200);
    }
  });

  it('a socket error (an unmasked client frame) is handled: logged as a warning, closed with 1002, the server keeps serving', async () => {
    const errors: unknown[] = [];
    const warnings: unknown[] = [];
    const logger = { info: () => {}, warn: (o: object) => warnings.push(o), error: (o: object) => errors.push(o) };
    const s = await startWs({ logger });
    try {
      const { port } = new URL(s.running.url);
      const sock = connect(Number(port), '127.0.0.1');
      const key = Buffer.from('0123456789abcdef').toString('base64');
      sock.write(`GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`);
      let got = Buffer.alloc(0);
      sock.on('data', (d: Buffer) => {
        got = Buffer.concat([got, d]);
      });
      await until(() => got.includes('\r\n\r\n'));
      const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
      assert.match(got.toString(), new RegExp(`Sec-WebSocket-Accept: ${accept.replace(/[+/]/g, '\\$&')}`));
      // A text frame without the mask bit: a protocol error for a server.
      sock.write(Buffer.from([0x81, 0x02, 0x68, 0x69]));
      await new Promise((r) => sock.once('close', r));
      const closeAt = got.indexOf(Buffer.from([0x88]));
      assert.ok(closeAt > 0, 'a close frame was sent');
      assert.equal(got.readUInt16BE(closeAt + 2), 1002);
      await until(() => warnings.length > 0);
      assert.deepEqual(warnings, [{ code: 'WS_ERR_EXPECTED_MASK' }]);
      assert.deepEqual(errors, []);
      const c = await Client.open(s.url);
      assert.equal((await c.call(1, 't.echo', { a: 1 })).status, 200);
      c.close();
    } finally {
      await s.close();
    }
  });
});
