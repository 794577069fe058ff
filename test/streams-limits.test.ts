/**
 * Streams under load, end to end on node:http: subscribers that stop reading are ended with
 * `SB_STREAM_TOO_SLOW` (their queue bounded in bytes), one stream past `streams.maxStreams`
 * is refused with a 429 in each protocol, and a change goes out to every subscriber without
 * the publisher waiting for the fan-out. Limits are configured small, so it is quick.
 */
import assert from 'node:assert/strict';
import { type Socket, connect } from 'node:net';
import { describe, it } from 'node:test';
import { ChangeBus } from '../examples/persons/changes.ts';
import { type PersonChange, personController, seedPersons } from '../examples/persons/person.ts';
import { root } from '../src/index.ts';
import { type ServeOptions, serve } from '../src/servers/node/index.ts';
import { Client, type Json } from './ws-fixture.ts';
import { attachWebsocket } from '../src/servers/ws/index.ts';

async function start(options: ServeOptions) {
  const changes = new ChangeBus<PersonChange>();
  const r = root({ webpath: 'ws', name: 'persons', controllers: { person: personController(seedPersons(), changes) } });
  const running = await serve(r, { port: 0, host: '127.0.0.1', ...options });
  return { running, changes, port: Number(new URL(running.url).port) };
}

/** Waits, a bounded number of times, until `done()` holds. */
async function until(done: () => boolean, what: string, tries = 400): Promise<void> {
  for (let i = 0; i < tries && !done(); i++) await new Promise((r) => setTimeout(r, 25));
  assert.ok(done(), `${what}: not within ${tries * 25} ms`);
}

/** A raw SSE subscriber that sends its request and then reads nothing (its socket paused). */
function silentWatcher(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write('GET /ws/person/watch HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n');
      socket.pause();
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

/**
 * The body a socket receives until its answer ends (the chunked encoding's last chunk) or the
 * socket closes, de-chunked: an event's lines may be split across chunks.
 */
function rest(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => {
      text += d;
      if (text.endsWith('\r\n0\r\n\r\n')) socket.destroy();
    });
    socket.once('close', () => resolve(dechunk(text)));
    socket.resume();
  });
}

/** The body of a raw HTTP/1.1 answer in the chunked encoding (ASCII here, so characters are bytes). */
function dechunk(raw: string): string {
  let i = raw.indexOf('\r\n\r\n');
  if (i === -1) return '';
  i += 4;
  let out = '';
  while (i < raw.length) {
    const eol = raw.indexOf('\r\n', i);
    if (eol === -1) break;
    const size = Number.parseInt(raw.slice(i, eol), 16);
    if (!(size > 0)) break;
    out += raw.slice(eol + 2, eol + 2 + size);
    i = eol + 2 + size + 2;
  }
  return out;
}

const change = (i: number, size: number): PersonChange => ({
  action: 'updated',
  person: { id: i, lastname: 'x'.repeat(size), firstname: 'F', age: 1, hobbies: [] },
});

describe('streams: slow subscribers and limits', () => {
  it('20 SSE watchers that stop reading are ended with SB_STREAM_TOO_SLOW (a 64 KB queue each)', async () => {
    const s = await start({ streams: { maxQueueBytes: 64 * 1024 } });
    try {
      const watchers = await Promise.all(Array.from({ length: 20 }, () => silentWatcher(s.port)));
      await until(() => s.changes.size === 20, 'all watching');
      // Their sockets fill first (the kernel's buffers), then their queues: each ends, none is kept.
      for (let i = 0; i < 400 && s.changes.size > 0; i++) {
        s.changes.publish(change(i, 200_000));
        if (i % 10 === 9) await new Promise((r) => setTimeout(r, 20));
      }
      await until(() => s.changes.size === 0, 'every watcher ended');
      assert.equal(s.running.app.streams.queued, 0, 'their queues were let go');
      // Once a watcher reads again, its stream ends with the error event.
      const texts = await Promise.all(watchers.map(rest));
      for (const text of texts) {
        assert.match(text, /event: error\ndata: \{[^\n]*"code":"SB_STREAM_TOO_SLOW"/);
      }
      await until(() => s.running.app.streams.open === 0, 'streams closed');
    } finally {
      await s.running.close(200);
    }
  });

  it('a WebSocket watch whose client stops reading is ended with a 429 SB_STREAM_TOO_SLOW error frame', async () => {
    const s = await start({ streams: { maxQueueBytes: 64 * 1024 } });
    const wss = attachWebsocket(s.running);
    try {
      const ws = await Client.open(`${s.running.url.replace('http', 'ws')}/ws`);
      ws.ws.send(JSON.stringify({ id: 'w', method: 'person.watch' }));
      await until(() => s.changes.size === 1, 'watching');
      ws.ws.pause();
      for (let i = 0; i < 400 && s.changes.size > 0; i++) {
        s.changes.publish(change(i, 200_000));
        if (i % 10 === 9) await new Promise((r) => setTimeout(r, 20));
      }
      await until(() => s.changes.size === 0, 'the watch ended');
      ws.ws.resume();
      const end = await ws.next((f) => f.id === 'w' && 'status' in f, 20_000);
      assert.equal(end.status, 429);
      assert.equal((end.error as Json).code, 'SB_STREAM_TOO_SLOW');
      ws.ws.close();
    } finally {
      await wss.close(200);
      await s.running.close(200);
    }
  });

  it('one stream past maxStreams is refused with 429 over SSE, the WebSocket and Ext Direct polling', async () => {
    const s = await start({ streams: { maxStreams: 2 } });
    const wss = attachWebsocket(s.running);
    try {
      const open = await Promise.all([silentWatcher(s.port), silentWatcher(s.port)]);
      await until(() => s.running.app.streams.open === 2, 'two open');
      const sse = await fetch(`${s.running.url}/ws/person/watch`, { headers: { accept: 'text/event-stream' } });
      assert.equal(sse.status, 429);
      assert.equal(((await sse.json()) as Json).code, 'SB_TOO_MANY_STREAMS');

      const ws = await Client.open(`${s.running.url.replace('http', 'ws')}/ws`);
      ws.ws.send(JSON.stringify({ id: 'w', method: 'person.watch' }));
      const frame = await ws.next((f) => f.id === 'w');
      assert.equal(frame.status, 429);
      assert.equal((frame.error as Json).code, 'SB_TOO_MANY_STREAMS');
      ws.ws.close();

      const polled = (await (await fetch(`${s.running.url}/ws/extdirect/poll/person/watch`)).json()) as Json[];
      assert.equal(polled[0]?.type, 'exception');
      assert.match(JSON.stringify(polled[0]), /SB_TOO_MANY_STREAMS|Too many open streams/);

      // Room again once a stream closes.
      for (const socket of open) socket.destroy();
      await until(() => s.running.app.streams.open === 0, 'closed');
      const again = await fetch(`${s.running.url}/ws/person/watch`, { headers: { accept: 'text/event-stream' } });
      assert.equal(again.status, 200);
      await again.body?.cancel();
    } finally {
      await wss.close(200);
      await s.running.close(200);
    }
  });

  it('a create answers before its change reaches the watchers: the fan-out runs after the write', async () => {
    const s = await start({});
    try {
      const subs = Array.from({ length: 200 }, () => s.changes.watch());
      const r = await fetch(`${s.running.url}/ws/person/create`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ p: { lastname: 'L', firstname: 'F', age: 1, hobbies: [] } }),
      });
      assert.equal(r.status, 200);
      await until(() => subs.every((sub) => sub.length === 1), 'fanned out');
      const first = await subs[0]!.next();
      assert.equal(first.value?.person.lastname, 'L');
      for (const sub of subs) await sub.return();
    } finally {
      await s.running.close(200);
    }
  });
});

describe('slow HTTP clients', () => {
  it('a client that does not read a large answer is disconnected after the send timeout', async () => {
    const persons = seedPersons();
    for (let id = 3; id < 10_000; id++) persons.set(id, { id, lastname: 'x'.repeat(2000), firstname: 'F', age: 1, hobbies: [] });
    const r = root({ webpath: 'ws', name: 'persons', controllers: { person: personController(persons) } });
    const running = await serve(r, { port: 0, host: '127.0.0.1', sendTimeout: 300 });
    try {
      const port = Number(new URL(running.url).port);
      const socket = connect(port, '127.0.0.1', () => {
        socket.write('GET /ws/person/list HTTP/1.1\r\nHost: x\r\n\r\n');
        socket.pause();
      });
      socket.on('error', () => {});
      const connections = () => new Promise<number>((resolve) => running.server.backend.getConnections((_err, n) => resolve(n)));
      let open = -1;
      for (let i = 0; i < 40; i++) {
        await new Promise((r) => setTimeout(r, 50));
        open = await connections();
        if (i > 2 && open === 0) break;
      }
      assert.equal(open, 0, 'the server let go of the connection');
      socket.destroy();
      // A client that reads gets the whole list, chunked.
      const ok = await fetch(`${running.url}/ws/person/list`);
      assert.equal(ok.headers.get('transfer-encoding'), 'chunked');
      const list = (await ok.json()) as unknown[];
      assert.equal(list.length, 9999);
    } finally {
      await running.close(200);
    }
  });
});
