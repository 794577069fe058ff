/**
 * The change bus conformance suite: each bus runs it (`memory-bus.test.ts`, `redis-bus.test.ts`).
 * `pair` gives two buses that share events (two processes' buses on one Redis; for the
 * in-process bus, the same one twice) and a fresh topic.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BusEvent, ChangeBus } from './bus.ts';

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
