/**
 * Tables derived from the resource schema: created on first start; a field added to the schema
 * adds its column; a column the schema no longer declares, or whose type changed, would lose
 * data, so the migration refuses (`SB_DECL_DESTRUCTIVE_MIGRATION`) unless told
 * `allowDestructive`, and then drops (and re-adds) it. Every non-key column may hold NULL: an
 * optional field is unset there, and the store, not the table, requires the mandatory ones, so
 * adding a field never fails on a table that has rows.
 */
import type { Kysely } from 'kysely';
import { declarationError } from '../errors/declaration.ts';
import type { Columns } from './fields.ts';
import { type Dialect, columnType, sameType } from './sql-columns.ts';
import type { Db } from './sql-filter.ts';

export interface MigrateOptions {
  /** Drop columns the schema no longer has, or re-create those whose type changed (their data is lost). */
  allowDestructive?: boolean;
  /** Fields with a unique index. */
  unique?: readonly string[];
}

/** Creates or migrates `table` to `cols`; returns what it did (for logs and tests). */
export async function migrate(db: Kysely<Db>, d: Dialect, table: string, cols: Columns, o: MigrateOptions = {}): Promise<string[]> {
  const done: string[] = [];
  const existing = (await db.introspection.getTables()).find((t) => t.name === table && (d === 'sqlite' || t.schema === 'public'));
  if (!existing) {
    let create = db.schema.createTable(table).ifNotExists();
    const key = cols.key;
    if (key.kind === 'integer') {
      create =
        d === 'sqlite'
          ? create.addColumn(key.name, 'integer', (c) => c.primaryKey().autoIncrement())
          : create.addColumn(key.name, 'bigserial', (c) => c.primaryKey());
    } else create = create.addColumn(key.name, columnType(d, 'text'), (c) => c.primaryKey());
    for (const c of cols.list) if (c !== key) create = create.addColumn(c.name, columnType(d, c.kind));
    await create.execute();
    done.push(`create table ${table}`);
  } else {
    const have = new Map(existing.columns.map((c) => [c.name, c]));
    const lost: string[] = [];
    for (const [name] of have) if (!cols.byName.has(name)) lost.push(`drop column ${name}`);
    for (const c of cols.list) {
      const h = have.get(c.name);
      if (h && c !== cols.key && !sameType(d, c.kind, h.dataType)) lost.push(`change column ${c.name} from ${h.dataType} to ${c.kind}`);
    }
    if (lost.length > 0 && !o.allowDestructive) throw declarationError('SB_DECL_DESTRUCTIVE_MIGRATION', { table, changes: lost.join(', ') });
    for (const [name] of have) {
      if (cols.byName.has(name)) continue;
      await db.schema.alterTable(table).dropColumn(name).execute();
      done.push(`drop column ${name}`);
    }
    for (const c of cols.list) {
      const h = have.get(c.name);
      if (h && (c === cols.key || sameType(d, c.kind, h.dataType))) continue;
      if (h) {
        await db.schema.alterTable(table).dropColumn(c.name).execute();
        done.push(`drop column ${c.name}`);
      }
      await db.schema.alterTable(table).addColumn(c.name, columnType(d, c.kind)).execute();
      done.push(`add column ${c.name}`);
    }
  }
  for (const field of o.unique ?? []) {
    await db.schema.createIndex(`${table}_${field}_unique`).ifNotExists().unique().on(table).column(field).execute();
  }
  return done;
}
