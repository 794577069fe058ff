import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BusEvent } from './bus.ts';
import { memoryBus } from './memory-bus.ts';
import { busStream } from './subscription.ts';

const change = (n: number) => ({ action: 'created' as const, pk: n, data: { id: n } });

describe('busStream: a bounded queue between the bus and one subscriber', () => {
  it('delivers in order, maps and skips, and return() ends it at once (even while waiting)', async () => {
    const bus = memoryBus();
    const it = busStream(bus, 't', (e: BusEvent) => (e.action === 'resync' || e.pk === 2 ? undefined : e.pk))[Symbol.asyncIterator]();
    for (let i = 1; i <= 3; i++) await bus.publish('t', change(i));
    assert.deepEqual(await it.next(), { done: false, value: 1 });
    assert.deepEqual(await it.next(), { done: false, value: 3 });
    const waiting = it.next();
    await it.return?.();
    assert.deepEqual(await waiting, { done: true, value: undefined });
    await bus.publish('t', change(4));
    assert.deepEqual(await it.next(), { done: true, value: undefined });
  });

  it('a subscriber too slow to keep up gets one resync item instead of an unbounded queue', async () => {
    const bus = memoryBus();
    const it = busStream(bus, 't', (e) => e, { maxQueue: 3 })[Symbol.asyncIterator]();
    for (let i = 1; i <= 5; i++) await bus.publish('t', change(i));
    // 1–3 filled the queue; 4 overflowed it: one resync (through event 4) replaces them, and 5 follows.
    assert.deepEqual((await it.next()).value, { action: 'resync', id: 4, topic: 't', since: 0 });
    assert.equal(((await it.next()).value as { pk: number }).pk, 5);
    await bus.publish('t', change(6));
    assert.equal(((await it.next()).value as { pk: number }).pk, 6);
    await it.return?.();
  });

  it('an aborted signal ends the stream', async () => {
    const bus = memoryBus();
    const ctl = new AbortController();
    const it = busStream(bus, 't', (e) => e, { signal: ctl.signal })[Symbol.asyncIterator]();
    const waiting = it.next();
    ctl.abort();
    assert.deepEqual(await waiting, { done: true, value: undefined });
  });
});
