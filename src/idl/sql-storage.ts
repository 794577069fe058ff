/**
 * EDL storage in a SQL database (SQLite or PostgreSQL): one Kysely instance, a table per
 * entity created (or migrated) from the entity's fields on first start. Imported on its own,
 * so an app that does not store in SQL loads no SQL library.
 */
import type { Kysely } from 'kysely';
import type { ChangeBus } from '../resources/bus.ts';
import { memoryBus } from '../resources/memory-bus.ts';
import type { Dialect } from '../resources/sql-columns.ts';
import type { Db } from '../resources/sql-filter.ts';
import { sqlStore } from '../resources/sql-store.ts';
import type { EdlStorage } from './storage.ts';

export interface SqlStorageOptions {
  /** Prefix of every table name (e.g. `library_`). */
  prefix?: string;
  /** Where changes go after commit (default: a bus of this process; `redisBus` for several). */
  bus?: ChangeBus;
  /** Let a migration drop columns the entity no longer has (their data is lost). Default false. */
  allowDestructive?: boolean;
}

/** A table per entity in `db`; `close()` closes the database too. */
export function sqlStorage(db: Kysely<Db>, dialect: Dialect, o: SqlStorageOptions = {}): EdlStorage {
  const bus = o.bus ?? memoryBus();
  return {
    bus,
    prefix: o.prefix,
    open: (t) => sqlStore(db, dialect, { schema: t.schema, table: t.table, key: t.key, name: t.entity, ownsDb: false, allowDestructive: o.allowDestructive }),
    close: async () => {
      await bus.close();
      await db.destroy();
    },
  };
}
