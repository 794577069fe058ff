/**
 * The Book and TrainingPlan API, declared in books.edl, stored through a resource store: a
 * SQLite file (`./data/library.sqlite`, created on first start, kept across restarts), `:memory:`,
 * or PostgreSQL (`DATABASE_URL=postgres://…`). The standard operations are the store's; the
 * handlers of handlers.ts answer the other two.
 */
import { edlApi } from '../../src/index.ts';
import { sqlStorage } from '../../src/idl/sql-storage.ts';
import { postgresDb } from '../../src/resources/postgres.ts';
import { sqliteDb } from '../../src/resources/sqlite.ts';
import storeHandlers from './handlers.ts';

export interface BooksOptions {
  /** `:memory:`, a SQLite file, or a `postgres://` URL (default: `DATABASE_URL`, else `./data/library.sqlite`). */
  database?: string;
}

/** The API over its tables (opened on the first call). */
export function booksApi(o: BooksOptions = {}) {
  const database = o.database ?? process.env.DATABASE_URL ?? './data/library.sqlite';
  const pg = /^postgres(ql)?:\/\//.test(database);
  const store = pg ? sqlStorage(postgresDb(database), 'postgres') : sqlStorage(sqliteDb(database), 'sqlite');
  return edlApi({ files: [new URL('./books.edl', import.meta.url).pathname], name: 'library', store, handlers: storeHandlers });
}
