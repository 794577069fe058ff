/**
 * PostgreSQL through `pg`, with a pool: a connection that dies (even mid-transaction) is
 * dropped from the pool and the transaction rolled back by the server, so nothing committed is
 * lost and nothing half-written is kept; the call fails with `SB_STORE_UNAVAILABLE` (503) and
 * the next one takes a fresh connection.
 */
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { bindDirectPg } from './pg-direct.ts';
import { storePool } from './pg-pool.ts';
import type { Db } from './sql-filter.ts';
import { type SqlStoreOptions, sqlStore } from './sql-store.ts';
import type { Row, Store } from './store.ts';

export interface PostgresStoreOptions extends Omit<SqlStoreOptions, 'ownsDb'> {
  /** e.g. `postgres://postgres@127.0.0.1:5432/test`. */
  connectionString: string;
  /** Most connections in the pool (default 10). */
  max?: number;
}

/** A Kysely instance on a PostgreSQL pool; share it between the stores of one database. */
export function postgresDb(connectionString: string, max = 10): Kysely<Db> {
  const pool = new pg.Pool({ connectionString, max });
  // A connection the server ends (idle, or checked out mid-transaction) must not crash the
  // process: the query in flight fails, and the pool drops the client and makes a new one.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  // A query whose connection died fails as SB_STORE_UNAVAILABLE (503), not as the driver's error.
  const store = storePool(pool);
  const db = new Kysely<Db>({ dialect: new PostgresDialect({ pool: store }) });
  // The SQL store's writes go to the pool's clients themselves (pg-direct.ts).
  bindDirectPg(db, store);
  return db;
}

/** A store on one table of a PostgreSQL database, with a pool of its own (closed with the store). */
export async function postgresStore<T extends Row = Row>(o: PostgresStoreOptions): Promise<Store<T> & { readonly migrations: readonly string[] }> {
  const db = postgresDb(o.connectionString, o.max);
  try {
    return await sqlStore<T>(db, 'postgres', { ...o, ownsDb: true });
  } catch (err) {
    await db.destroy();
    throw err;
  }
}

/** The one SQL store, to open several stores on one database (`ownsDb: false`). */
export { sqlStore, type SqlStoreOptions } from './sql-store.ts';
