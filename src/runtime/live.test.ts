import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { liveSource } from '../api/live.ts';
import { memoryBus } from '../resources/memory-bus.ts';
import { busFeed } from '../resources/subscription.ts';
import { eventIdOf } from './events.ts';
import { openLive } from './live.ts';

const change = (n: number) => ({ action: 'created' as const, pk: n, data: { id: n } });
const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('openLive: a live source becomes a broadcast subscription of one caller', () => {
  it("delivers the source's items with the source's event ids; return() ends it at once and closes the source", async () => {
    const bus = memoryBus();
    const sub = await openLive(busFeed(bus, 't', (e) => (e.action === 'resync' ? undefined : { pk: e.pk })));
    await bus.publish('t', change(1));
    await bus.publish('t', change(2));
    const first = await sub.next();
    assert.deepEqual(first, { done: false, value: { pk: 1 } });
    assert.equal(eventIdOf(first.value), '1');
    assert.equal(eventIdOf((await sub.next()).value), '2');
    const waiting = sub.next();
    await sub.return();
    assert.deepEqual(await waiting, { done: true, value: undefined });
    // The bus subscription is gone: a later publish reaches no one.
    let heard = 0;
    const spy = bus.subscribe('t', () => void heard++);
    await bus.publish('t', change(3));
    spy.close();
    assert.equal(heard, 1);
    assert.deepEqual(await sub.next(), { done: true, value: undefined });
  });

  it('a caller too slow to read is cut with SB_STREAM_TOO_SLOW, and the source closed', async () => {
    let closed = 0;
    let push: ((n: number) => void) | undefined;
    const source = liveSource<{ n: number }>((sink) => {
      push = (n) => sink.push({ n }, n);
      return { ready: Promise.resolve(), close: () => void closed++ };
    });
    const sub = await openLive(source, 3);
    for (let n = 1; n <= 5; n++) push!(n);
    await turn();
    await assert.rejects(sub.next(), (err: { code?: string }) => err.code === 'SB_STREAM_TOO_SLOW');
    assert.equal(closed, 1);
  });

  it('a source whose start fails fails the call, and is closed', async () => {
    let closed = 0;
    const source = liveSource<{ n: number }>(() => ({ ready: Promise.reject(new Error('no bus')), close: () => void closed++ }));
    await assert.rejects(openLive(source), /no bus/);
    assert.equal(closed, 1);
  });
});
