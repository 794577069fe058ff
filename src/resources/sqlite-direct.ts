/**
 * SQLite's own handle behind a Kysely instance made by `sqliteDb`, for the SQL store's writes.
 * better-sqlite3 is synchronous, so a write whose statements all run in one turn of the event
 * loop needs neither Kysely's connection lock nor a promise per statement: measured on a
 * logged create, that machinery cost about as much as the statements themselves.
 *
 * It is safe exactly when no transaction is open on the connection: Kysely runs each of its own
 * statements whole within one call too, so the only thing a direct write could run into is a
 * Kysely transaction waiting between two of its statements (`inTransaction`); the store then
 * goes through Kysely, behind it.
 */
import type Database from 'better-sqlite3';
import type { CompiledQuery, Kysely } from 'kysely';
import type { Db } from './sql-filter.ts';
import type { QueryRows } from './sql-statements.ts';

export interface DirectSqlite {
  /** A transaction is open on the connection (then only Kysely may go on). */
  readonly inTransaction: boolean;
  /** Runs one statement now. */
  exec(q: CompiledQuery): QueryRows;
  /** Runs `fn` inside one transaction now: committed when it returns, rolled back when it throws. */
  transaction<R>(fn: () => R): R;
}

const handles = new WeakMap<Kysely<Db>, DirectSqlite>();

/** The direct handle of a Kysely instance made by `sqliteDb`; `undefined` for any other. */
export function directSqlite(db: Kysely<Db>): DirectSqlite | undefined {
  return handles.get(db);
}

/** Records `database` as the handle behind `db`; `prepare` is the statement cache Kysely uses too. */
export function bindDirect(db: Kysely<Db>, database: Database.Database, prepare: (text: string) => Database.Statement): void {
  const inTx = database.transaction((fn: () => unknown) => fn());
  handles.set(db, {
    get inTransaction() {
      return database.inTransaction;
    },
    exec(q) {
      const stmt = prepare(q.sql);
      if (stmt.reader) return stmt.all(q.parameters) as QueryRows;
      stmt.run(q.parameters);
      return [];
    },
    transaction: <R>(fn: () => R): R => inTx(fn) as R,
  });
}
