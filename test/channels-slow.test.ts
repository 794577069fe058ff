/**
 * The Channels socket's slow consumer: a subscriber whose client stops reading is cut with
 * `SB_STREAM_TOO_SLOW` once its bounded queue overflows, and told so in its form's own shape —
 * the seed's `{method, errors, response_status}`, DCRF's envelope with its `request_id`, the
 * multiplexed `{stream, payload}` — with the status of the error table (429). The socket stays
 * open (as on the RPC form's socket): the same client subscribes again and gets changes.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type BusSubscription, type ChangeBus, api, createApp, memoryBus, memoryStore, resource, t } from '../src/index.ts';
import { serve } from '../src/servers/node/index.ts';
import { attachWebsocket } from '../src/servers/ws/index.ts';
import { Client, type Json } from './ws-fixture.ts';

const Note = t.complex('Note', { id: t.integer(), text: t.string() }, { mandatory: ['text'] });

/** The in-process bus, counting its open subscriptions (one per subscribed caller). */
function countingBus(): ChangeBus & { readonly open: number } {
  const inner = memoryBus();
  let open = 0;
  return {
    get open() {
      return open;
    },
    publish: (topic, change) => inner.publish(topic, change),
    subscribe(topic, listener, o): BusSubscription {
      const sub = inner.subscribe(topic, listener, o);
      open++;
      let closed = false;
      return {
        ready: sub.ready,
        close() {
          if (!closed) open--;
          closed = true;
          sub.close();
        },
      };
    },
    close: () => inner.close(),
  };
}

async function until(done: () => boolean, what: string, tries = 400): Promise<void> {
  for (let i = 0; i < tries && !done(); i++) await new Promise((r) => setTimeout(r, 25));
  assert.ok(done(), `${what}: not within ${tries * 25} ms`);
}

describe('the Channels socket: a subscriber too slow to read', () => {
  it('is cut with a 429 SB_STREAM_TOO_SLOW frame in each form, and may subscribe again', async () => {
    const bus = countingBus();
    // Changes come from writes to the store: its change log numbers them, the resource publishes them.
    const store = memoryStore({ schema: Note });
    const notes = api({
      name: 'notes',
      version: 'v1',
      basePath: '/notes',
      controllers: { note: resource('note', { schema: Note, store, bus }) },
    });
    const running = await serve(createApp(notes), { port: 0, host: '127.0.0.1', streams: { maxQueueBytes: 64 * 1024, maxQueueItems: 50 } });
    const wss = attachWebsocket(running, { pingInterval: 0 });
    const ws = `${running.url.replace('http', 'ws')}/notes/channels`;
    const clients: Client[] = [];
    try {
      const seed = await Client.open(ws);
      const dcrf = await Client.open(`${ws}/note`);
      const mux = await Client.open(ws);
      clients.push(seed, dcrf, mux);
      seed.send({ method: 'note.subscribe' });
      dcrf.send({ action: 'subscribe', request_id: 7 });
      await dcrf.next((f) => f.request_id === 7 && f.response_status === 201);
      mux.send({ stream: 'note', payload: { action: 'subscribe', data: { action: 'create' }, request_id: 'm' } });
      await mux.next((f) => (f.payload as Json | undefined)?.request_id === 'm');
      await until(() => bus.open === 3, 'three subscribed');
      for (const c of clients) c.ws.pause();
      // Large changes until every subscriber is cut: the kernel's and ws's buffers fill, then each queue.
      const text = 'x'.repeat(100_000);
      for (let i = 1; i <= 600 && bus.open > 0; i++) {
        await store.create({ text });
        if (i % 10 === 0) await new Promise((r) => setTimeout(r, 20));
      }
      await until(() => bus.open === 0, 'every subscription cut');
      for (const c of clients) c.ws.resume();

      const s = await seed.next((f) => 'response_status' in f, 20_000);
      assert.deepEqual(Object.keys(s).sort(), ['errors', 'method', 'response_status']);
      assert.equal(s.method, 'note.subscribe');
      assert.equal(s.response_status, 429);
      assert.match(String((s.errors as unknown[])[0]), /fell behind/);

      const d = await dcrf.next((f) => f.request_id === 7 && f.response_status === 429, 20_000);
      assert.deepEqual(d.action, 'subscribe');
      assert.deepEqual(d.data, null);
      assert.match(String((d.errors as unknown[])[0]), /fell behind/);

      const m = await mux.next((f) => f.stream === 'note' && (f.payload as Json | undefined)?.response_status === 429, 20_000);
      const p = m.payload as Json;
      assert.equal(p.request_id, 'm');
      assert.equal(p.action, 'subscribe');
      assert.match(String((p.errors as unknown[])[0]), /fell behind/);

      // The socket is still open: the same client subscribes again and gets the next change.
      const from = dcrf.frames.length;
      dcrf.send({ action: 'subscribe', request_id: 8 });
      await dcrf.next((f) => f.request_id === 8 && f.response_status === 201, 5000, from);
      await until(() => bus.open === 1, 'subscribed again');
      const small = await store.create({ text: 'small' });
      const again = await dcrf.next((f) => f.request_id === 8 && f.action === 'create', 5000, from);
      assert.deepEqual(again.data, { id: small.id, text: 'small' });
    } finally {
      for (const c of clients) c.ws.terminate();
      await wss.close(200);
      await running.close(200);
      await bus.close();
    }
  });
});
