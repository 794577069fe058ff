import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { changeLogConformance } from './change-log.conformance.ts';
import { postgresDb, postgresStore } from './postgres.ts';
import { sqlStore } from './sql-store.ts';
import { Person, storeConformance } from './store.conformance.ts';

/** The machine's PostgreSQL (trust auth); the tests fail, never skip, when it is down. */
export const PG_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

storeConformance('PostgreSQL', (spec) => postgresStore({ ...spec, connectionString: PG_URL, max: 4 }));
changeLogConformance('PostgreSQL', (spec) => postgresStore({ ...spec, connectionString: PG_URL, max: 4 }), { persistent: true });

describe('PostgreSQL: a connection killed mid-transaction', () => {
  it('loses nothing committed, keeps nothing half-written, and the pool recovers', async () => {
    const db = postgresDb(PG_URL, 2);
    const table = `sb_kill_${process.pid.toString(36)}${Date.now().toString(36)}`;
    const s = await sqlStore(db, 'postgres', { schema: Person, table, name: 'person', ownsDb: false });
    const killer = new pg.Client({ connectionString: PG_URL });
    await killer.connect();
    try {
      await s.create({ name: 'Committed' });
      await assert.rejects(
        db.transaction().execute(async (trx) => {
          await trx.insertInto(table).values({ name: 'Half' }).execute();
          const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
          await killer.query('select pg_terminate_backend($1)', [rows[0]!.pid]);
          await trx.insertInto(table).values({ name: 'Never' }).execute();
        }),
      );
      // The pool drops the dead connection; the next calls take fresh ones.
      await s.create({ name: 'After' });
      assert.deepEqual(
        (await s.find({ sort: [{ field: 'id' }] })).data.map((r) => r.name),
        ['Committed', 'After'],
      );
    } finally {
      await killer.end();
      await s.close();
      await db.destroy();
    }
  });
});
