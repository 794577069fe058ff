/**
 * The change bus conformance suite: each bus runs it (`memory-bus.test.ts`, `redis-bus.test.ts`).
 * `pair` gives two buses that share events (two processes' buses on one Redis; for the
 * in-process bus, the same one twice) and a fresh topic. The replay cases give the buses a
 * store's change log (one, as two processes share one database) and publish with its ids.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BusEvent, ChangeBus, ChangeEvent } from './bus.ts';
import { MemoryChangeLog } from './memory-change-log.ts';

export interface BusPair {
  a: ChangeBus;
  b: ChangeBus;
  topic: string;
  close(): Promise<void>;
}

/** Collects events; `until(n)` resolves once n have arrived (bounded by the test timeout). */
export function collector() {
  const got: BusEvent[] = [];
  let waiting: { n: number; resolve: () => void } | undefined;
  return {
    got,
    listener: (e: BusEvent) => {
      got.push(e);
      if (waiting && got.length >= waiting.n) waiting.resolve();
    },
    until(n: number): Promise<void> {
      if (got.length >= n) return Promise.resolve();
      return new Promise((resolve) => {
        waiting = { n, resolve };
      });
    },
  };
}

const change = (n: number) => ({ action: 'created' as const, pk: n, data: { id: n, big: BigInt(n) * 10n ** 18n, bytes: new Uint8Array([n]) } });

export function busConformance(title: string, pair: (logSize: number) => Promise<BusPair>): void {
  describe(`bus conformance: ${title}`, () => {
    it('a change published on one reaches a subscriber of the other, with increasing ids, data intact', async () => {
      const p = await pair(100);
      try {
        const c = collector();
        const sub = p.b.subscribe(p.topic, c.listener);
        await sub.ready;
        const e1 = await p.a.publish(p.topic, change(1));
        const e2 = await p.b.publish(p.topic, change(2));
        assert.ok(e2.id > e1.id);
        await c.until(2);
        assert.deepEqual(
          c.got.map((e) => [e.action, e.id, (e as { pk?: number }).pk]),
          [
            ['created', e1.id, 1],
            ['created', e2.id, 2],
          ],
        );
        assert.deepEqual((c.got[1] as { data: unknown }).data, change(2).data);
        sub.close();
      } finally {
        await p.close();
      }
    });

    it('a subscriber coming back with its last id gets what it missed, then live ones, each once', async () => {
      const p = await pair(100);
      try {
        const first = collector();
        const s1 = p.b.subscribe(p.topic, first.listener);
        await s1.ready;
        await p.a.publish(p.topic, change(1));
        await first.until(1);
        s1.close();
        const last = first.got[0]!.id;
        for (let i = 2; i <= 4; i++) await p.a.publish(p.topic, change(i));
        const again = collector();
        const s2 = p.b.subscribe(p.topic, again.listener, { since: last });
        await s2.ready;
        await p.a.publish(p.topic, change(5));
        await again.until(4);
        assert.deepEqual(
          again.got.map((e) => (e as { pk: number }).pk),
          [2, 3, 4, 5],
        );
        s2.close();
      } finally {
        await p.close();
      }
    });

    it('past the bounded log: an explicit resync event, never a silent gap', async () => {
      const p = await pair(3);
      try {
        const events = [];
        for (let i = 1; i <= 6; i++) events.push(await p.a.publish(p.topic, change(i)));
        const c = collector();
        const s = p.b.subscribe(p.topic, c.listener, { since: events[0]!.id });
        await s.ready;
        await c.until(1);
        assert.deepEqual(c.got[0], { action: 'resync', id: events[5]!.id, topic: p.topic, since: events[0]!.id });
        // Within the log: no resync.
        const d = collector();
        const s2 = p.b.subscribe(p.topic, d.listener, { since: events[2]!.id });
        await s2.ready;
        await d.until(3);
        assert.deepEqual(
          d.got.map((e) => e.action),
          ['created', 'created', 'created'],
        );
        // In the order they were published, though the log has wrapped around.
        assert.deepEqual(
          d.got.map((e) => e.id),
          events.slice(3).map((e) => e!.id),
        );
        // An id the bus never gave (a bus restarted, its ids begun again): resync too.
        const e = collector();
        const s3 = p.b.subscribe(p.topic, e.listener, { since: events[5]!.id + 1000 });
        await s3.ready;
        await e.until(1);
        assert.equal(e.got[0]!.action, 'resync');
        for (const x of [s, s2, s3]) x.close();
      } finally {
        await p.close();
      }
    });

    it('a closed subscription gets nothing more; topics do not mix', async () => {
      const p = await pair(100);
      try {
        const c = collector();
        const other = collector();
        const s = p.b.subscribe(p.topic, c.listener);
        const o = p.b.subscribe(`${p.topic}-other`, other.listener);
        await Promise.all([s.ready, o.ready]);
        await p.a.publish(p.topic, change(1));
        await c.until(1);
        s.close();
        s.close();
        await p.a.publish(p.topic, change(2));
        await p.a.publish(`${p.topic}-other`, change(3));
        await other.until(1);
        assert.equal(c.got.length, 1);
        assert.deepEqual(
          other.got.map((e) => (e as { pk: number }).pk),
          [3],
        );
        o.close();
      } finally {
        await p.close();
      }
    });
  });
}

/** A store's change log for `topic` (the memory store's), and a way to commit changes to it. */
async function storeLog(topic: string) {
  const log = new MemoryChangeLog();
  await log.topic(topic);
  let n = 0;
  return {
    log,
    /** Logs `count` changes as one write would; returns their events (not yet published). */
    commit(count = 1): readonly ChangeEvent[] {
      return log.record(Array.from({ length: count }, () => change(++n)));
    },
  };
}

const publishAll = async (bus: ChangeBus, events: readonly ChangeEvent[]) => {
  for (const { id, topic, ...c } of events) await bus.publish(topic, c, id);
};
const ids = (events: readonly BusEvent[]) => events.map((e) => (e.action === 'resync' ? `resync@${e.id}` : e.id));

/** The replay mode: ids and catch-up from a store's change log; the bus only notifies. */
export function busReplayConformance(title: string, pair: (logSize: number) => Promise<BusPair>): void {
  describe(`bus conformance, replaying a store's change log: ${title}`, () => {
    it('events carry the log ids; a subscriber of the other bus gets them in order, data intact', async () => {
      const p = await pair(100);
      const { log, commit } = await storeLog(p.topic);
      try {
        const c = collector();
        const sub = p.b.subscribe(p.topic, c.listener, { replay: log });
        await sub.ready;
        const events = [...commit(), ...commit()];
        const published = [];
        for (const { id, topic, ...ch } of events) published.push(await p.a.publish(topic, ch, id));
        assert.deepEqual(
          published.map((e) => e.id),
          [1, 2],
        );
        await c.until(2);
        assert.deepEqual(ids(c.got), [1, 2]);
        assert.deepEqual((c.got[1] as ChangeEvent).data, change(2).data);
        sub.close();
      } finally {
        await p.close();
      }
    });

    it('catch-up after `since` comes from the store log, even for events the bus never carried', async () => {
      const p = await pair(100);
      const { log, commit } = await storeLog(p.topic);
      try {
        await publishAll(p.a, commit());
        // Committed but never published (a process that died between commit and publish).
        commit(3);
        const c = collector();
        const s = p.b.subscribe(p.topic, c.listener, { since: 1, replay: log });
        await s.ready;
        await publishAll(p.a, commit());
        await c.until(4);
        assert.deepEqual(ids(c.got), [2, 3, 4, 5]);
        s.close();
      } finally {
        await p.close();
      }
    });

    it('a gap (an event past the next id) is filled from the log first; duplicates are dropped by id', async () => {
      const p = await pair(100);
      const { log, commit } = await storeLog(p.topic);
      try {
        const c = collector();
        const s = p.b.subscribe(p.topic, c.listener, { replay: log });
        await s.ready;
        const events = commit(3);
        // Only the last is published: 1 and 2 come from the log before it.
        await publishAll(p.a, events.slice(2));
        await c.until(3);
        // Published again, late and twice: nothing more.
        await publishAll(p.a, events);
        await publishAll(p.b, events.slice(1));
        await publishAll(p.a, commit());
        await c.until(4);
        assert.deepEqual(ids(c.got), [1, 2, 3, 4]);
        s.close();
      } finally {
        await p.close();
      }
    });

    it('only a since older than the log start (or one it never gave) is a resync, exactly one, then live', async () => {
      const p = await pair(100);
      const log = new MemoryChangeLog();
      await log.topic(p.topic, { size: 3 });
      try {
        const events = log.record(Array.from({ length: 6 }, (_, i) => change(i + 1)));
        await publishAll(p.a, events);
        const c = collector();
        const s = p.b.subscribe(p.topic, c.listener, { since: 1, replay: log });
        await s.ready;
        await publishAll(p.a, log.record([change(7)]));
        await c.until(2);
        assert.deepEqual(c.got[0], { action: 'resync', id: 6, topic: p.topic, since: 1 });
        assert.deepEqual(ids(c.got), ['resync@6', 7]);
        // Within the log (it starts at 5): no resync.
        const d = collector();
        const s2 = p.b.subscribe(p.topic, d.listener, { since: 4, replay: log });
        await s2.ready;
        await d.until(3);
        assert.deepEqual(ids(d.got), [5, 6, 7]);
        // Ahead of the log (the database was reset): a resync.
        const e = collector();
        const s3 = p.b.subscribe(p.topic, e.listener, { since: 1000, replay: log });
        await s3.ready;
        await e.until(1);
        assert.deepEqual(ids(e.got), ['resync@7']);
        for (const x of [s, s2, s3]) x.close();
      } finally {
        await p.close();
      }
    });

    it('a closed subscription gets nothing more', async () => {
      const p = await pair(100);
      const { log, commit } = await storeLog(p.topic);
      try {
        const c = collector();
        const s = p.b.subscribe(p.topic, c.listener, { replay: log });
        await s.ready;
        await publishAll(p.a, commit());
        await c.until(1);
        s.close();
        s.close();
        await publishAll(p.a, commit(2));
        // A subscriber that did not close sees both, so the closed one had the chance to.
        const d = collector();
        const s2 = p.b.subscribe(p.topic, d.listener, { since: 1, replay: log });
        await s2.ready;
        await d.until(2);
        assert.deepEqual(ids(c.got), [1]);
        s2.close();
      } finally {
        await p.close();
      }
    });
  });
}
