/**
 * The embedded default: SQLite through better-sqlite3, in a file (created with its folder on
 * first start, kept across restarts) or `:memory:`, in WAL mode so readers never wait for the
 * writer. Integers are read exactly (safe integers), so an `int64` field loses no digit.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Db } from './sql-filter.ts';
import { bindDirect } from './sqlite-direct.ts';
import { type SqlStoreOptions, sqlStore } from './sql-store.ts';
import type { Row, Store } from './store.ts';

export interface SqliteStoreOptions extends Omit<SqlStoreOptions, 'ownsDb'> {
  /** The database file (e.g. `./data/polls.sqlite`), or `:memory:`. */
  file: string;
}

/** A Kysely instance on a SQLite file, WAL mode; share it between the stores of one database. */
export function sqliteDb(file: string): Kysely<Db> {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const database = new Database(file);
  database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  database.defaultSafeIntegers(true);
  const statements = cachedStatements(database);
  const db = new Kysely<Db>({ dialect: new SqliteDialect({ database: { close: () => database.close(), prepare: statements } }) });
  // The SQL store's writes run on the handle itself (sqlite-direct.ts), through the same statements.
  bindDirect(db, database, statements);
  return db;
}

/** Prepared statements kept per database (SQL texts are few: one per query shape). */
const STATEMENTS = 256;

/**
 * Prepares each SQL text once: Kysely's driver prepares every query it runs, which costs more
 * than running a small one. A statement runs whole within one call (better-sqlite3 is
 * synchronous), so it is never used by two queries at once.
 */
function cachedStatements(database: Database.Database): (text: string) => Database.Statement {
  const cache = new Map<string, Database.Statement>();
  return (text) => {
    let stmt = cache.get(text);
    if (stmt) return stmt;
    stmt = database.prepare(text);
    if (cache.size >= STATEMENTS) cache.delete(cache.keys().next().value!);
    cache.set(text, stmt);
    return stmt;
  };
}

/** A store on one table of a SQLite file of its own (closed with the store). */
export async function sqliteStore<T extends Row = Row>(o: SqliteStoreOptions): Promise<Store<T> & { readonly migrations: readonly string[] }> {
  const db = sqliteDb(o.file);
  try {
    return await sqlStore<T>(db, 'sqlite', { ...o, ownsDb: true });
  } catch (err) {
    await db.destroy();
    throw err;
  }
}

/** The one SQL store, to open several stores on one database (`ownsDb: false`). */
export { sqlStore, type SqlStoreOptions } from './sql-store.ts';
