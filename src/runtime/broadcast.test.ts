import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SwitchboardError } from '../errors/index.ts';
import { Broadcast, bindStream } from './broadcast.ts';
import { eventIdOf } from './events.ts';
import { encodeItem, type StreamFormat } from './shared-frames.ts';
import { StreamBudget } from './stream-limits.ts';

/** Until the background fan-out has run (it works in setImmediate slices). */
const fannedOut = () => new Promise<void>((resolve) => setImmediate(() => setImmediate(resolve)));

/** A format that counts how often it encodes. */
function counting(): StreamFormat & { calls: number } {
  const f = {
    calls: 0,
    encode(item: unknown) {
      f.calls++;
      return JSON.stringify(item);
    },
  };
  return f;
}

describe('Broadcast', () => {
  it('delivers every item to every subscriber, in order, tagged with its sequence number', async () => {
    const hub = new Broadcast<{ n: number }>();
    const a = hub.subscribe();
    const b = hub.subscribe();
    hub.publish({ n: 1 });
    hub.publish({ n: 2 });
    for (const sub of [a, b]) {
      const one = await sub.next();
      const two = await sub.next();
      assert.deepEqual([one.value, two.value], [{ n: 1 }, { n: 2 }]);
      assert.equal(eventIdOf(two.value), '2');
    }
  });

  it('publishes in O(1): nothing reaches subscribers before the background fan-out', async () => {
    const hub = new Broadcast<{ n: number }>();
    const subs = Array.from({ length: 50 }, () => hub.subscribe());
    hub.publish({ n: 1 });
    assert.ok(subs.every((s) => s.length === 0));
    await fannedOut();
    assert.ok(subs.every((s) => s.length === 1));
  });

  it('fans out in slices, yielding to the event loop between them', async () => {
    const hub = new Broadcast<{ n: number }>({ slice: 10 });
    const subs = Array.from({ length: 35 }, () => hub.subscribe());
    hub.publish({ n: 1 });
    await new Promise<void>((resolve) => setImmediate(resolve));
    assert.equal(subs.filter((s) => s.length === 1).length, 10);
    for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
    assert.equal(subs.filter((s) => s.length === 1).length, 35);
  });

  it('a subscriber leaving between slices makes no other miss the item', async () => {
    const hub = new Broadcast<{ n: number }>({ slice: 5 });
    const subs = Array.from({ length: 12 }, () => hub.subscribe());
    hub.publish({ n: 1 });
    await new Promise<void>((resolve) => setImmediate(resolve));
    await subs[0]!.return();
    await subs[1]!.return();
    await fannedOut();
    await fannedOut();
    assert.deepEqual(
      subs.slice(2).map((s) => s.length),
      Array(10).fill(1),
    );
  });

  it('encodes an item once per format, shared by every subscriber of that format', async () => {
    const hub = new Broadcast<{ n: number }>();
    const budget = new StreamBudget();
    const json = counting();
    const other = counting();
    const subs = Array.from({ length: 20 }, (_, i) => {
      const s = hub.subscribe();
      bindStream(s, i % 2 ? json : other, budget);
      return s;
    });
    hub.publish({ n: 1 });
    await fannedOut();
    const frames = [];
    for (const s of subs) {
      const step = await s.next();
      frames.push(encodeItem(step.value, subs.indexOf(s) % 2 ? json : other));
    }
    assert.equal(json.calls, 1);
    assert.equal(other.calls, 1);
    assert.ok(frames.every((f) => f === '{"n":1}'));
    // Counted once per format while held, and let go when every queue moved on.
    assert.equal(budget.queued, 14);
    for (const s of subs) await s.return();
    assert.equal(budget.queued, 0);
  });

  it('ends a subscriber past its item limit with SB_STREAM_TOO_SLOW, and unsubscribes it', async () => {
    const hub = new Broadcast<{ n: number }>({ maxQueueItems: 3 });
    const slow = hub.subscribe();
    for (let n = 1; n <= 4; n++) hub.publish({ n });
    await fannedOut();
    assert.equal(hub.size, 0);
    await assert.rejects(slow.next(), (err: SwitchboardError) => err.code === 'SB_STREAM_TOO_SLOW' && err.status === 429);
  });

  it('bounds a bound subscriber by bytes (one item always fits), and frees its queue at once', async () => {
    const hub = new Broadcast<{ s: string }>();
    const budget = new StreamBudget({ maxQueueBytes: 1000 });
    const fmt = counting();
    const slow = hub.subscribe();
    const quick = hub.subscribe();
    bindStream(slow, fmt, budget);
    bindStream(quick, fmt, budget);
    hub.publish({ s: 'x'.repeat(2000) });
    await fannedOut();
    assert.equal(slow.length, 1, 'one item fits whatever its size');
    await quick.next();
    hub.publish({ s: 'y'.repeat(10) });
    await fannedOut();
    assert.equal(slow.ended, true);
    assert.equal(quick.ended, false);
    assert.equal((await quick.next()).value?.s, 'y'.repeat(10));
    await quick.return();
    assert.equal(budget.queued, 0);
  });

  it('ends a subscriber that is behind once all queues together hold the server-wide limit', async () => {
    const hub = new Broadcast<{ s: string }>();
    const budget = new StreamBudget({ maxQueuedBytes: 100, maxQueueBytes: 10_000 });
    const fmt = counting();
    const behind = hub.subscribe();
    bindStream(behind, fmt, budget);
    for (let i = 0; i < 3; i++) hub.publish({ s: String(i).repeat(80) });
    await fannedOut();
    assert.equal(behind.ended, true);
    assert.equal(budget.queued, 0);
  });

  it('replays the kept items after `since`, then the new ones, without duplicates', async () => {
    const hub = new Broadcast<{ n: number }>({ history: 3 });
    const first = hub.subscribe();
    for (let n = 1; n <= 5; n++) hub.publish({ n });
    const late = hub.subscribe({ since: 1 });
    hub.publish({ n: 6 });
    await fannedOut();
    const got: number[] = [];
    while (late.length > 0) got.push((await late.next()).value!.n);
    assert.deepEqual(got, [3, 4, 5, 6]);
    assert.equal(first.length, 6);
  });

  it('return() ends a waiting next() at once and unsubscribes', async () => {
    const hub = new Broadcast<{ n: number }>();
    const sub = hub.subscribe();
    const waiting = sub.next();
    await sub.return();
    assert.deepEqual(await waiting, { done: true, value: undefined });
    assert.equal(hub.size, 0);
  });
});

describe('StreamBudget', () => {
  it('refuses one stream past maxStreams with SB_TOO_MANY_STREAMS, and counts releases once', () => {
    const budget = new StreamBudget({ maxStreams: 2 });
    const a = budget.admit();
    budget.admit();
    assert.throws(
      () => budget.admit(),
      (err: SwitchboardError) => err.code === 'SB_TOO_MANY_STREAMS' && err.status === 429,
    );
    a();
    a();
    assert.equal(budget.open, 1);
    budget.admit();
  });

  it('refuses new streams while the queued bytes are at their limit', () => {
    const budget = new StreamBudget({ maxQueuedBytes: 10 });
    budget.queued = 10;
    assert.throws(
      () => budget.admit(),
      (err: SwitchboardError) => err.code === 'SB_STREAM_BUFFERS_FULL',
    );
  });

  it('rejects a limit that is not a positive number', () => {
    assert.throws(() => new StreamBudget({ maxStreams: 0 }), RangeError);
  });
});
