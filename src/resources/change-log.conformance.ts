/**
 * The change log conformance suite: every store that keeps a log (`Store.changes`) runs it
 * (`memory.test.ts`, `sqlite.test.ts`, `postgres.test.ts`). Ids are contiguous per topic; each
 * write logs its changes (one event per row) and hands the same events to the listeners after
 * commit; a write that fails logs nothing; the log is bounded, its start moving; and a store
 * that keeps its data (`persistent`) reopened resumes from the log it left.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChangeEvent } from './bus.ts';
import type { ChangeLog } from './change-log.ts';
import type { StoreFactory } from './store.conformance.ts';
import { Person } from './store.conformance.ts';
import type { Store } from './store.ts';

let seq = 0;
const runId = `${process.pid.toString(36)}${Date.now().toString(36)}`;

export interface ChangeLogSuiteOptions {
  /** The store keeps its data across instances (a file, a server): reopening resumes the log. */
  readonly persistent?: boolean;
}

/** Runs the change log cases against `factory`, under `describe(title)`. */
export function changeLogConformance(title: string, factory: StoreFactory, o: ChangeLogSuiteOptions = {}): void {
  const spec = () => ({ schema: Person, name: 'person', table: `sb_log_${runId}_${++seq}`, version: 'version', unique: ['email'] });

  /** A store with its log on for topic `t`, and every event its listener got. */
  async function logged(size?: number, table = spec()): Promise<{ s: Store; log: ChangeLog; got: ChangeEvent[] }> {
    const s = await factory(table);
    assert.ok(s.changes, 'the store keeps a change log');
    const got: ChangeEvent[] = [];
    const log = await s.changes.topic('t', { size, committed: (events) => got.push(...events) });
    return { s, log, got };
  }

  const summary = (events: readonly ChangeEvent[]) => events.map((e) => [e.id, e.action, e.data.name, e.previous?.name]);

  describe(`change log conformance: ${title}`, () => {
    it('every write logs one event per row, ids contiguous from 1; the listener gets what was logged', async () => {
      const { s, log, got } = await logged();
      try {
        assert.equal(await log.head('t'), 0);
        const a = await s.create({ name: 'A', email: 'a@x' });
        await s.createMany([{ name: 'B' }, { name: 'C' }]);
        await s.patch(a.id as number, { name: 'A2' });
        await s.update(a.id as number, { name: 'A3' });
        await s.patchMany({ age: 9 }, { name: { $in: ['B', 'C'] } });
        await s.remove(a.id as number);
        await s.removeMany({ name: 'B' });
        const expected = [
          [1, 'created', 'A', undefined],
          [2, 'created', 'B', undefined],
          [3, 'created', 'C', undefined],
          [4, 'updated', 'A2', 'A'],
          [5, 'updated', 'A3', 'A2'],
          [6, 'updated', 'B', 'B'],
          [7, 'updated', 'C', 'C'],
          [8, 'deleted', 'A3', undefined],
          [9, 'deleted', 'B', undefined],
        ];
        assert.deepEqual(summary(got), expected);
        const slice = await log.read('t', 0, 100);
        assert.deepEqual(summary(slice.events), expected);
        assert.deepEqual(slice.events, got);
        assert.equal(slice.start, 1);
        assert.equal(slice.head, 9);
        assert.equal(await log.head('t'), 9);
        // The row as written, the key as pk, the version of the row after (before for a delete).
        assert.equal(got[0]!.pk, a.id);
        assert.equal(got[0]!.topic, 't');
        assert.deepEqual(got[0]!.data, a);
        assert.equal(got[4]!.data.version, 3);
        assert.equal(got[4]!.previous?.version, 2);
        assert.equal(got[5]!.data.age, 9);
        // After, and at most limit.
        assert.deepEqual(
          (await log.read('t', 4, 2)).events.map((e) => e.id),
          [5, 6],
        );
        assert.deepEqual((await log.read('t', 9, 10)).events, []);
      } finally {
        await s.close();
      }
    });

    it('a write that fails logs nothing: a unique violation (409), a rolled-back createMany, a missing record, a stale version', async () => {
      const { s, log, got } = await logged();
      try {
        const a = await s.create({ name: 'A', email: 'a@x' });
        await assert.rejects(s.create({ name: 'B', email: 'a@x' }), { code: 'SB_CONFLICT', status: 409 });
        await assert.rejects(
          s.createMany([
            { name: 'C', email: 'c@x' },
            { name: 'D', email: 'a@x' },
          ]),
          { code: 'SB_CONFLICT' },
        );
        await assert.rejects(s.patch(999, { name: 'X' }), { code: 'SB_RECORD_NOT_FOUND' });
        await assert.rejects(s.patch(a.id as number, { name: 'X' }, { ifVersion: 7 }), { code: 'SB_PRECONDITION_FAILED' });
        await assert.rejects(s.remove(999), { code: 'SB_RECORD_NOT_FOUND' });
        assert.equal((await s.find({ limit: 0 })).total, 1);
        assert.equal(await log.head('t'), 1);
        // The ids the failures did not take are the next ones: no gap.
        await s.create({ name: 'E' });
        assert.deepEqual(
          got.map((e) => e.id),
          [1, 2],
        );
        assert.deepEqual(
          (await log.read('t', 0, 10)).events.map((e) => [e.id, e.data.name]),
          [
            [1, 'A'],
            [2, 'E'],
          ],
        );
      } finally {
        await s.close();
      }
    });

    it('bounded: it keeps the last `size` events, its start moving', async () => {
      const { s, log } = await logged(3);
      try {
        for (let i = 1; i <= 5; i++) await s.create({ name: `P${i}` });
        const slice = await log.read('t', 0, 100);
        assert.equal(slice.start, 3);
        assert.equal(slice.head, 5);
        assert.deepEqual(
          slice.events.map((e) => [e.id, e.data.name]),
          [
            [3, 'P3'],
            [4, 'P4'],
            [5, 'P5'],
          ],
        );
        await s.createMany([{ name: 'P6' }, { name: 'P7' }]);
        const later = await log.read('t', 4, 100);
        assert.equal(later.start, 5);
        assert.deepEqual(
          later.events.map((e) => e.id),
          [5, 6, 7],
        );
      } finally {
        await s.close();
      }
    });

    it('one topic per store: another is refused; another topic reads as empty', async () => {
      const { s, log } = await logged();
      try {
        await assert.rejects(s.changes!.topic('other'), TypeError);
        await s.create({ name: 'A' });
        assert.equal(await log.head('other'), 0);
        assert.deepEqual((await log.read('other', 0, 10)).events, []);
      } finally {
        await s.close();
      }
    });

    if (o.persistent)
      it('reopened (a new store instance, as a new process would make), it resumes from the log it left', async () => {
        const table = spec();
        const first = await logged(100, table);
        await first.s.create({ name: 'A' });
        await first.s.create({ name: 'B' });
        await first.s.close();
        const again = await logged(100, table);
        try {
          assert.equal(await again.log.head('t'), 2);
          await again.s.create({ name: 'C' });
          assert.deepEqual(
            again.got.map((e) => e.id),
            [3],
          );
          assert.deepEqual(
            (await again.log.read('t', 0, 10)).events.map((e) => [e.id, e.data.name]),
            [
              [1, 'A'],
              [2, 'B'],
              [3, 'C'],
            ],
          );
        } finally {
          await again.s.close();
        }
      });
  });
}
