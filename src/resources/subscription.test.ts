import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LiveSink } from '../api/live.ts';
import type { BusEvent } from './bus.ts';
import { memoryBus } from './memory-bus.ts';
import { busFeed } from './subscription.ts';

const change = (n: number) => ({ action: 'created' as const, pk: n, data: { id: n } });

/** A sink that records what it is pushed. */
function recorder() {
  const got: { item: unknown; id: string | number | undefined }[] = [];
  const sink: LiveSink<object> = { push: (item, id) => void got.push({ item, id }) };
  return { got, sink };
}

describe('busFeed: the bus, mapped for one caller, as a live source', () => {
  it('pushes in order with the bus ids, skips what map leaves out, and stops at close()', async () => {
    const bus = memoryBus();
    const r = recorder();
    const h = busFeed(bus, 't', (e: BusEvent) => (e.action === 'resync' || e.pk === 2 ? undefined : { pk: e.pk })).open(r.sink);
    await h.ready;
    for (let i = 1; i <= 3; i++) await bus.publish('t', change(i));
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(r.got, [
      { item: { pk: 1 }, id: 1 },
      { item: { pk: 3 }, id: 3 },
    ]);
    h.close();
    await bus.publish('t', change(4));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(r.got.length, 2);
  });

  it('replays the log after `since` before it is ready', async () => {
    const bus = memoryBus();
    for (let i = 1; i <= 3; i++) await bus.publish('t', change(i));
    const r = recorder();
    const h = busFeed(bus, 't', (e: BusEvent) => ({ id: e.id }), { since: 1 }).open(r.sink);
    await h.ready;
    assert.deepEqual(
      r.got.map((g) => g.id),
      [2, 3],
    );
    h.close();
  });

  it('a map too slow for the events: the excess becomes one resync, not an unbounded backlog', async () => {
    const bus = memoryBus();
    const r = recorder();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const h = busFeed(
      bus,
      't',
      async (e: BusEvent) => {
        await gate;
        return { action: e.action, id: e.id };
      },
      { maxPending: 2 },
    ).open(r.sink);
    await h.ready;
    for (let i = 1; i <= 5; i++) await bus.publish('t', change(i));
    release();
    await new Promise((resolve) => setTimeout(resolve, 10));
    // 1 and 2 waited for map; 3–5 came while it was behind: one resync stands for them.
    assert.deepEqual(
      r.got.map((g) => g.item),
      [
        { action: 'created', id: 1 },
        { action: 'created', id: 2 },
        { action: 'resync', id: 5 },
      ],
    );
    await bus.publish('t', change(6));
    await new Promise((resolve) => setTimeout(resolve, 10));
    assert.deepEqual(r.got.at(-1), { item: { action: 'created', id: 6 }, id: 6 });
    h.close();
  });
});
