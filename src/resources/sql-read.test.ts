// The SQL the store's reads send: a call without a filter has no `where` at all (SQLite counts a
// whole table from its b-tree only then), and a filtered one still names its filter.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CompiledQuery, Kysely } from 'kysely';
import { t } from '../schema/index.ts';
import type { Db } from './sql-filter.ts';
import { sqliteDb } from './sqlite.ts';
import { sqlStore } from './sql-store.ts';

const Item = t.complex('Item', { id: t.integer(), name: t.string() }, { mandatory: ['name'] });

/** A database that remembers the SQL of every query run through it. */
function recording(db: Kysely<Db>): { db: Kysely<Db>; seen: string[] } {
  const seen: string[] = [];
  const proxy = new Proxy(db, {
    get(target, prop) {
      if (prop === 'executeQuery')
        return (q: CompiledQuery) => {
          seen.push(q.sql);
          return target.executeQuery(q);
        };
      const v = Reflect.get(target, prop);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
  return { db: proxy, seen };
}

describe('SQL store reads', () => {
  it('count, page and get without a filter have no where clause', async () => {
    const base = sqliteDb(':memory:');
    const { db, seen } = recording(base);
    const s = await sqlStore(db, 'sqlite', { schema: Item, table: 'item', ownsDb: false });
    try {
      for (const name of ['a', 'b', 'c']) await s.create({ name });
      seen.length = 0;
      const page = await s.find({ limit: 2 });
      assert.equal(page.total, 3);
      assert.deepEqual(
        page.data.map((r) => r.name),
        ['a', 'b'],
      );
      assert.deepEqual((await s.get(2)).name, 'b');
      assert.equal(seen.length, 3);
      for (const text of seen) assert.doesNotMatch(text, /1 = 1/, text);
      assert.match(seen[0]!, /^select count\(\*\) as "n" from "item"$/);
      seen.length = 0;
      const filtered = await s.find({ where: { name: { $gte: 'b' } }, limit: 5 });
      assert.equal(filtered.total, 2);
      assert.match(seen[0]!, /where "name" >= \?/);
      // A scope on a get is still applied.
      await assert.rejects(s.get(1, { where: { name: 'b' } }), { code: 'SB_RECORD_NOT_FOUND' });
    } finally {
      await base.destroy();
    }
  });
});
