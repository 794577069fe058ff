// The SQL store's writes run on the driver's own handle: on SQLite at once (sqlite-direct.ts), on
// PostgreSQL on a client of the pool through pg (pg-direct.ts). On SQLite they must never land
// inside a transaction Kysely has open on the same connection; and the way through Kysely alone
// (a database not opened by `sqliteDb` or `postgresDb`) must keep every store promise.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { t } from '../schema/index.ts';
import { changeLogConformance } from './change-log.conformance.ts';
import type { Db } from './sql-filter.ts';
import { sqlStore } from './sql-store.ts';
import { directPg } from './pg-direct.ts';
import { postgresDb } from './postgres.ts';
import { directSqlite } from './sqlite-direct.ts';
import { sqliteDb } from './sqlite.ts';
import { storeConformance } from './store.conformance.ts';

/** The machine's PostgreSQL (trust auth); the tests fail, never skip, when it is down. */
const PG_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const Item = t.complex('Item', { id: t.integer(), name: t.string() }, { mandatory: ['name'] });

/** A SQLite database that only Kysely holds: no direct handle, every write through Kysely. */
function kyselyOnly(): Kysely<Db> {
  const database = new Database(':memory:');
  database.defaultSafeIntegers(true);
  database.pragma('foreign_keys = ON');
  return new Kysely<Db>({ dialect: new SqliteDialect({ database }) });
}

/** A PostgreSQL pool that only Kysely holds. */
function pgThroughKysely(): Kysely<Db> {
  const pool = new pg.Pool({ connectionString: PG_URL, max: 4 });
  pool.on('error', () => {});
  return new Kysely<Db>({ dialect: new PostgresDialect({ pool }) });
}

storeConformance('SQLite through Kysely alone', (spec) => sqlStore(kyselyOnly(), 'sqlite', spec));
changeLogConformance('SQLite through Kysely alone', (spec) => sqlStore(kyselyOnly(), 'sqlite', spec));
storeConformance('PostgreSQL through Kysely alone', (spec) => sqlStore(pgThroughKysely(), 'postgres', spec));
changeLogConformance('PostgreSQL through Kysely alone', (spec) => sqlStore(pgThroughKysely(), 'postgres', spec));

describe("SQL store writes on the driver's own handle", () => {
  it('a database opened by sqliteDb or postgresDb has one; any other has none', async () => {
    const own = sqliteDb(':memory:');
    const other = kyselyOnly();
    const ownPg = postgresDb(PG_URL, 1);
    const otherPg = pgThroughKysely();
    try {
      assert.ok(directSqlite(own));
      assert.equal(directSqlite(other), undefined);
      assert.ok(directPg(ownPg));
      assert.equal(directPg(otherPg), undefined);
    } finally {
      for (const db of [own, other, ownPg, otherPg]) await db.destroy();
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
