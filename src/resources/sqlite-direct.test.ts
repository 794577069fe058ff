// The SQL store's writes on SQLite run on the database's own handle, at once (sqlite-direct.ts).
// They must never land inside a transaction Kysely has open on the same connection, and the
// way through Kysely alone (a database not opened by `sqliteDb`) must keep every store promise.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { t } from '../schema/index.ts';
import { changeLogConformance } from './change-log.conformance.ts';
import type { Db } from './sql-filter.ts';
import { sqlStore } from './sql-store.ts';
import { directSqlite } from './sqlite-direct.ts';
import { sqliteDb } from './sqlite.ts';
import { storeConformance } from './store.conformance.ts';

const Item = t.complex('Item', { id: t.integer(), name: t.string() }, { mandatory: ['name'] });

/** A SQLite database that only Kysely holds: no direct handle, every write through Kysely. */
function kyselyOnly(): Kysely<Db> {
  const database = new Database(':memory:');
  database.defaultSafeIntegers(true);
  database.pragma('foreign_keys = ON');
  return new Kysely<Db>({ dialect: new SqliteDialect({ database }) });
}

storeConformance('SQLite through Kysely alone', (spec) => sqlStore(kyselyOnly(), 'sqlite', spec));
changeLogConformance('SQLite through Kysely alone', (spec) => sqlStore(kyselyOnly(), 'sqlite', spec));

describe('SQLite writes on the direct handle', () => {
  it('a database opened by sqliteDb has one; any other has none', async () => {
    const own = sqliteDb(':memory:');
    const other = kyselyOnly();
    try {
      assert.ok(directSqlite(own));
      assert.equal(directSqlite(other), undefined);
    } finally {
      await own.destroy();
      await other.destroy();
    }
  });

  for (const logged of [false, true]) {
    it(`a write while a Kysely transaction is open waits for it and is not part of it (change log ${logged ? 'on' : 'off'})`, async () => {
      const db = sqliteDb(':memory:');
      const s = await sqlStore(db, 'sqlite', { schema: Item, table: 'item', ownsDb: false });
      const log = logged ? await s.changes!.topic('item') : undefined;
      try {
        let created: Promise<unknown> | undefined;
        let settledInside = false;
        await assert.rejects(
          db.transaction().execute(async (trx) => {
            await sql`insert into item (name) values ('inside')`.execute(trx);
            created = s.create({ name: 'outside' }).finally(() => {
              settledInside = true;
            });
            await new Promise((r) => setTimeout(r, 20));
            assert.equal(settledInside, false, 'the write waited for the open transaction');
            throw new Error('roll back');
          }),
          /roll back/,
        );
        assert.deepEqual(await created, { id: 1, name: 'outside' });
        assert.deepEqual(
          (await s.find({})).data.map((r) => r.name),
          ['outside'],
        );
        if (log) {
          const slice = await log.read('item', 0, 10);
          assert.deepEqual(
            slice.events.map((e) => [e.id, e.action, e.data.name]),
            [[1, 'created', 'outside']],
          );
        }
      } finally {
        await s.close();
        await db.destroy();
      }
    });
  }

  it('a constraint violation on the direct handle is a conflict and leaves nothing written', async () => {
    const db = sqliteDb(':memory:');
    const s = await sqlStore(db, 'sqlite', { schema: Item, table: 'item', unique: ['name'], ownsDb: false });
    const log = await s.changes!.topic('item');
    try {
      await s.create({ name: 'a' });
      await assert.rejects(
        s.createMany([{ name: 'b' }, { name: 'a' }]),
        (e: { code?: string; status?: number }) => e.code === 'SB_CONFLICT' && e.status === 409,
      );
      assert.deepEqual(
        (await s.find({})).data.map((r) => r.name),
        ['a'],
      );
      assert.equal((await log.read('item', 0, 10)).events.length, 1);
    } finally {
      await s.close();
      await db.destroy();
    }
  });
});
