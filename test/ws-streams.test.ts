// Streams: a handler's async iterable over WebSocket (event frames, done, cancel, closed on
// disconnect), over JSON-RPC notifications and over HTTP as Server-Sent Events; and the demo's
// `person.watch()`, which sees changes made through any protocol.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { personsRoot } from '../examples/persons/app.ts';
import { Client, type Probe, startWs, wsRoot } from './ws-fixture.ts';

const until = async (cond: () => boolean, ms = 5000) => {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
};

/** Reads an SSE response's text until `done(text)` holds (bounded), then cancels it. */
async function readSse(res: Response, done: (text: string) => boolean, ms = 5000): Promise<string> {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  const deadline = Date.now() + ms;
  try {
    while (!done(text)) {
      if (Date.now() > deadline) throw new Error(`SSE: not there in time; got ${text}`);
      const step = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), deadline - Date.now()))]);
      if (step === null) continue;
      if (step.done) break;
      text += step.value;
    }
  } finally {
    await reader.cancel();
  }
  return text;
}

const sse = { accept: 'text/event-stream' };

describe('streams over WebSocket', () => {
  it('event frames, numbered, then done', async () => {
    const s = await startWs();
    try {
      const c = await Client.open(s.url);
      const done = await c.call(1, 't.count', { n: 3 });
      assert.deepEqual(done, { id: 1, status: 200, done: true });
      assert.deepEqual(
        c.frames.slice(0, 3),
        [1, 2, 3].map((n) => ({ id: 1, event: n, data: n })),
      );
      c.close();
    } finally {
      await s.close();
    }
  });

  it('a stream that fails ends with an error frame', async () => {
    const s = await startWs();
    try {
      const c = await Client.open(s.url);
      assert.deepEqual(await c.call(1, 't.failing'), {
        id: 1,
        status: 400,
        error: { faultcode: 'Client', faultstring: 'stream broke', code: 'SB_CLIENT_ERROR' },
      });
      assert.equal(c.frames.filter((f) => (f as { event?: number }).event !== undefined).length, 2);
      c.close();
    } finally {
      await s.close();
    }
  });

  it('cancel ends it with done + cancelled and closes the iterator; so does the socket closing', async () => {
    const probe: Probe = { produced: 0, closed: 0 };
    const s = await startWs({}, wsRoot(probe));
    try {
      const c = await Client.open(s.url);
      c.send({ id: 'e', method: 't.endless', params: { size: 10 } });
      await c.next((f) => f.event === 5);
      c.send({ id: 'e', cancel: true });
      assert.deepEqual(await c.next((f) => f.done === true), { id: 'e', status: 200, done: true, cancelled: true });
      assert.equal(probe.closed, 1);
      c.send({ id: 'f', method: 't.endless', params: { size: 10 } });
      await c.next((f) => f.id === 'f' && f.event === 2);
      c.close();
      await until(() => probe.closed === 2);
    } finally {
      await s.close();
    }
  });

  it('JSON-RPC: $/event notifications, then the response; $/cancelRequest', async () => {
    const probe: Probe = { produced: 0, closed: 0 };
    const s = await startWs({}, wsRoot(probe));
    try {
      const c = await Client.open(s.url, 'jsonrpc');
      c.send({ jsonrpc: '2.0', id: 1, method: 't.count', params: { n: 2 } });
      assert.deepEqual(await c.next((f) => f.id === 1), { jsonrpc: '2.0', id: 1, result: { done: true, events: 2 } });
      assert.deepEqual(c.frames[0], { jsonrpc: '2.0', method: '$/event', params: { id: 1, event: 1, data: 1 } });
      c.send({ jsonrpc: '2.0', id: 2, method: 't.endless', params: { size: 1 } });
      await c.next((f) => (f.params as { event?: number } | undefined)?.event === 3);
      c.send({ jsonrpc: '2.0', method: '$/cancelRequest', params: { id: 2 } });
      const end = await c.next((f) => f.id === 2);
      assert.equal((end.result as { cancelled: boolean }).cancelled, true);
      assert.equal(probe.closed, 1);
      c.close();
    } finally {
      await s.close();
    }
  });
});

describe('streams over HTTP: Server-Sent Events', () => {
  it('Accept: text/event-stream gets id/data events, then done', async () => {
    const s = await startWs();
    try {
      const res = await fetch(`${s.running.url}/ws/t/count?n=2`, { headers: sse });
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
      const text = await readSse(res, (t) => t.includes('event: done'));
      assert.equal(text, ': stream\n\nid: 1\ndata: 1\n\nid: 2\ndata: 2\n\nevent: done\ndata: {}\n\n');
    } finally {
      await s.close();
    }
  });

  it('a failing stream ends with an error event carrying the fault', async () => {
    const s = await startWs();
    try {
      const text = await readSse(await fetch(`${s.running.url}/ws/t/failing`, { headers: sse }), (t) => t.includes('event: error'));
      assert.match(text, /event: error\ndata: \{"faultcode":"Client","faultstring":"stream broke"/);
    } finally {
      await s.close();
    }
  });

  it('the client going away closes the iterator', async () => {
    const probe: Probe = { produced: 0, closed: 0 };
    const s = await startWs({}, wsRoot(probe));
    try {
      await readSse(await fetch(`${s.running.url}/ws/t/endless?size=3`, { headers: sse }), (t) => t.includes('id: 3\n'));
      await until(() => probe.closed === 1);
    } finally {
      await s.close();
    }
  });

  it('without Accept: text/event-stream, a stream result is still a fault; plain results ignore it', async () => {
    const s = await startWs();
    try {
      const r = await fetch(`${s.running.url}/ws/t/count?n=2`);
      // One code where a stream is not carried (was an anonymous 500 before the one call path).
      assert.equal(r.status, 400);
      assert.equal(
        ((await r.json()) as { faultstring: string }).faultstring,
        't.count streams its results, which REST without Accept: text/event-stream cannot carry',
      );
      const plain = await fetch(`${s.running.url}/ws/t/echo?a=1`, { headers: sse });
      assert.equal(await plain.text(), '"1:-"');
    } finally {
      await s.close();
    }
  });
});

describe('the demo: person.watch()', () => {
  const p = (firstname: string) => ({ lastname: 'Green', firstname, age: 30, hobbies: ['Fashion'] });

  it('over WebSocket, sees changes made over REST, RPC frames and seed frames', async () => {
    const s = await startWs({}, personsRoot());
    try {
      const c = await Client.open(s.url);
      c.send({ id: 'w', method: 'person.watch' });
      // Frames are read in order: once this call is answered, the watch is subscribed.
      await c.call(0, 'person.get', { id: 1 });
      const r = await fetch(`${s.running.url}/ws/person/create`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ p: p('Rachel') }),
      });
      assert.equal(r.status, 200);
      const created = await c.next((f) => f.id === 'w' && f.event === 1);
      assert.deepEqual(created.data, { action: 'created', person: { ...p('Rachel'), id: 3 } });
      await c.call(1, 'person.update', { p: { ...p('Rachel'), id: 3, age: 31 } });
      c.send({ uuid: 'd', method: 'POST', path: '/ws/person/destroy', body: { id: 3 } });
      await c.next((f) => f.uuid === 'd');
      await c.next((f) => f.id === 'w' && f.event === 3);
      const actions = c.frames.filter((f) => (f as { id?: string }).id === 'w').map((f) => (f as { data: { action: string } }).data.action);
      assert.deepEqual(actions, ['created', 'updated', 'destroyed']);
      c.send({ id: 'w', cancel: true });
      await c.next((f) => f.id === 'w' && f.done === true);
      c.close();
    } finally {
      await s.close();
    }
  });

  it('over SSE, with ids; Last-Event-ID resumes after the last change seen', async () => {
    const s = await startWs({}, personsRoot());
    const url = s.running.url;
    const create = (name: string) =>
      fetch(`${url}/ws/person/create`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ p: p(name) }) });
    try {
      await create('Phoebe');
      await create('Joey');
      const res = await fetch(`${url}/ws/person/watch`, { headers: { ...sse, 'last-event-id': '1' } });
      const text = await readSse(res, (t) => t.includes('id: 2\n'));
      assert.match(text, /id: 2\ndata: \{"action":"created","person":\{"id":4,"lastname":"Green","firstname":"Joey"/);
      assert.doesNotMatch(text, /Phoebe/);
    } finally {
      await s.close();
    }
  });
});
