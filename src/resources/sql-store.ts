/**
 * The one SQL store, for SQLite and PostgreSQL alike: Kysely writes its SQL, and the store sends
 * it on the driver's own handle where it has one (`run`, `sql-statements.ts`). Every write is one
 * transaction and one statement per row set (`… RETURNING *`), so a failure leaves nothing
 * half-written; a write of one statement is its own transaction (the database's autocommit),
 * without a `begin` and a `commit` around it. A unique or foreign-key violation is
 * `SB_CONFLICT` (409), never a 500. Once a resource enables its change log (`changes`,
 * `sql-change-log.ts`), every write is a transaction that also logs its changes (an update
 * reads the row it replaces first, locked on PostgreSQL), and the events go to the log's
 * listeners after commit.
 */
import { randomUUID } from 'node:crypto';
import type { TSchema } from '@sinclair/typebox';
import { type CompiledQuery, type Kysely, sql } from 'kysely';
import { SwitchboardError, sbError } from '../errors/index.ts';
import type { Change, ChangeEvent } from './bus.ts';
import { type Columns, checkData, columnsOf } from './fields.ts';
import { checkFilter, checkFind } from './query.ts';
import { SqlChangeLog } from './sql-change-log.ts';
import { type Dialect, fromDb, toDb } from './sql-columns.ts';
import { QueryCache } from './sql-compiled.ts';
import { type Db, filterExpr, filterShape } from './sql-filter.ts';
import { type MigrateOptions, migrate } from './sql-migrate.ts';
import { type QueryRows, type Statements, runNow, runThrough } from './sql-statements.ts';
import { type DirectSqlite, directSqlite } from './sqlite-direct.ts';
import { type DirectPg, directPg, runOnPool } from './pg-direct.ts';
import type { Filter, FindQuery, Id, Page, Row, Store, WriteOptions } from './store.ts';

export interface SqlStoreOptions extends MigrateOptions {
  /** The row schema (`t.complex`). */
  schema: TSchema;
  /** Table name. */
  table: string;
  /** Name in errors (default: the table's). */
  name?: string;
  /** Key field (default `id`). */
  key?: string;
  /** Integer field holding the optimistic version, bumped by every write. */
  version?: string;
  /** Close the Kysely instance when the store closes (default true). */
  ownsDb?: boolean;
}

/** Creates (or migrates) the table, then answers as a store. */
export async function sqlStore<T extends Row = Row>(
  db: Kysely<Db>,
  dialect: Dialect,
  o: SqlStoreOptions,
): Promise<Store<T> & { readonly migrations: readonly string[] }> {
  const cols = columnsOf(o.schema, o.key ?? 'id', o.version);
  const migrations = await migrate(db, dialect, o.table, cols, o);
  return new SqlStore<T>(db, dialect, cols, o, migrations);
}

/** Driver errors that are the caller's fault, by SQLite code prefix or PostgreSQL SQLSTATE. */
function clientFault(err: unknown, target: string): SwitchboardError | undefined {
  const code = String((err as { code?: unknown }).code ?? '');
  if (code === '23505' || code.startsWith('SQLITE_CONSTRAINT_UNIQUE') || code.startsWith('SQLITE_CONSTRAINT_PRIMARYKEY'))
    return sbError('SB_CONFLICT', { target, reason: 'another record has the same unique value' });
  if (code === '23503' || code.startsWith('SQLITE_CONSTRAINT_FOREIGNKEY'))
    return sbError('SB_CONFLICT', { target, reason: 'it refers to a record that does not exist, or is referred to' });
  return undefined;
}

class SqlStore<T extends Row> implements Store<T> {
  readonly key: string;
  readonly version: string | undefined;
  private readonly name: string;
  private readonly table: string;
  /** The queries of the hot paths, compiled once per shape (`sql-compiled.ts`). */
  private readonly queries = new QueryCache();
  /** The change log, off until a resource names its topic. */
  readonly changes: SqlChangeLog;
  /** SQLite's own handle, when the database was opened by `sqliteDb`: writes run on it at once. */
  private readonly direct: DirectSqlite | undefined;
  /** PostgreSQL's pool, when the database was opened by `postgresDb`: writes go to its clients through `pg`. */
  private readonly pool: DirectPg | undefined;

  constructor(
    private readonly db: Kysely<Db>,
    private readonly d: Dialect,
    private readonly cols: Columns,
    private readonly o: SqlStoreOptions,
    readonly migrations: readonly string[],
  ) {
    this.key = cols.key.name;
    this.version = cols.version?.name;
    this.table = o.table;
    this.name = o.name ?? o.table;
    this.changes = new SqlChangeLog(db, d, o.table);
    this.changes.key = this.key;
    // Rows of other kinds are plain JSON: the log writes them without the tagging replacer.
    this.changes.plain = cols.list.every((c) => c.kind !== 'bigint' && c.kind !== 'blob');
    this.direct = d === 'sqlite' ? directSqlite(db) : undefined;
    this.pool = d === 'postgres' ? directPg(db) : undefined;
  }

  /**
   * Runs a write: without the change log, one statement on its own (`one`) or a transaction;
   * with it, a transaction that also logs what `changes` says the write did, its events handed
   * to the log's listeners once committed.
   */
  private async logged<R>(target: string, one: boolean, body: Statements<R>, changes: (r: R) => Change[]): Promise<R> {
    if (!this.changes.enabled) return this.run(target, !one, body);
    const out = await this.run(target, true, this.logging(body, changes));
    this.changes.committed(out.events);
    return out.r;
  }

  // The statements are generator methods, never generator closures made per call: V8 runs a fresh
  // generator closure several times slower (measured: ~5 µs against ~1 for a logged create).
  private *logging<R>(body: Statements<R>, changes: (r: R) => Change[]): Statements<{ r: R; events: ChangeEvent[] }> {
    const r = yield* body;
    const c = changes(r);
    return { r, events: c.length > 0 ? yield* this.changes.append(c) : [] };
  }

  /**
   * Runs a write's statements, in one transaction when `whole`: on SQLite's own handle at once
   * unless a Kysely transaction is open there (then behind it, through Kysely); on PostgreSQL on
   * a client of the pool through `pg`; on a database only Kysely holds, through Kysely. Driver
   * constraint errors become client faults.
   */
  private run<R>(target: string, whole: boolean, statements: Statements<R>): Promise<R> {
    const direct = this.direct;
    if (direct !== undefined && !direct.inTransaction) {
      try {
        return Promise.resolve(whole ? direct.transaction(() => runNow(statements, direct.exec)) : runNow(statements, direct.exec));
      } catch (err) {
        return Promise.reject(this.fault(err, target));
      }
    }
    const pool = this.pool;
    if (pool !== undefined) return this.guard(target, () => runOnPool(pool, whole, statements));
    return this.guard(target, () => (whole ? this.db.transaction().execute((trx) => runThrough(statements, trx)) : runThrough(statements, this.db)));
  }

  /** The rows of one read, run as a write's statements are (`run`), outside a transaction. */
  private read(q: CompiledQuery): Promise<QueryRows> {
    return this.run(this.name, false, this.returning(q));
  }

  private *returning(q: CompiledQuery): Statements<QueryRows> {
    return yield q;
  }

  /** The row a logged update replaces, read in its transaction (locked until commit on PostgreSQL). */
  private *previous(id: Id): Statements<T | undefined> {
    const query = this.queries.query('previous', [this.idValue(id)], 1, (slot) => {
      const sel = this.db.selectFrom(this.table).selectAll().where(this.key, '=', slot<unknown>(0));
      return this.d === 'postgres' ? sel.forUpdate() : sel;
    });
    const raw = (yield query)[0];
    return raw ? this.row(raw) : undefined;
  }

  private created = (rows: T[]): Change[] => rows.map((r) => ({ action: 'created', pk: r[this.key] as Id, data: r }));
  private deleted = (rows: T[]): Change[] => rows.map((r) => ({ action: 'deleted', pk: r[this.key] as Id, data: r }));

  private row(raw: Record<string, unknown>): T {
    const out: Row = {};
    for (const c of this.cols.list) {
      const v = fromDb(this.d, c, raw[c.name]);
      // NULL is null for a nullable field, and unset for any other.
      if (v !== null || c.nullable) out[c.name] = v;
    }
    return out as T;
  }

  private values(data: Row): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(data)) out[k] = toDb(this.d, this.cols.byName.get(k)!, v);
    return out;
  }

  private notFound(id: Id): Error {
    return sbError('SB_RECORD_NOT_FOUND', { resource: this.name, key: this.key, id: String(id) });
  }

  private idValue(id: Id): unknown {
    return toDb(this.d, this.cols.key, id);
  }

  /** Runs a write, driver constraint errors turned into client faults. */
  private async guard<R>(target: string, body: () => Promise<R>): Promise<R> {
    try {
      return await body();
    } catch (err) {
      throw this.fault(err, target);
    }
  }

  private fault(err: unknown, target: string): unknown {
    return err instanceof SwitchboardError ? err : (clientFault(err, target) ?? err);
  }

  async get(id: Id, options: { where?: Filter } = {}): Promise<T> {
    const where = checkFilter(this.cols, options.where, this.name);
    if (!this.validId(id)) throw this.notFound(id);
    const values: unknown[] = [this.idValue(id)];
    const shape = `get${filterShape(this.d, this.cols, where, values)}`;
    const q = this.queries.query(shape, values, 1, (slot, bind) =>
      this.db
        .selectFrom(this.table)
        .selectAll()
        .where((eb) =>
          shape === 'get()'
            ? eb(eb.ref(this.key), '=', slot<unknown>(0))
            : eb.and([eb(eb.ref(this.key), '=', slot<unknown>(0)), filterExpr(eb, this.d, this.cols, where, bind)]),
        ),
    );
    const raw = (await this.read(q))[0];
    if (!raw) throw this.notFound(id);
    return this.row(raw);
  }

  /** An id of the wrong kind matches no record (rather than failing in the driver). */
  private validId(id: Id): boolean {
    return this.cols.key.kind === 'integer' ? Number.isSafeInteger(id) : typeof id === 'string';
  }

  async find(query?: FindQuery): Promise<Page<T>> {
    const q = checkFind(this.cols, query, this.name);
    const where = q.where;
    const filterValues: unknown[] = [];
    const filter = filterShape(this.d, this.cols, where, filterValues);
    // No filter, no `where` at all: SQLite counts a whole table from its b-tree only when a
    // count has no `where` (`where 1 = 1` reads every row: ~3 µs against ~7 at 100 rows, ~40 at 2,000).
    const unfiltered = filter === '()';
    const count = this.queries.query(`count${filter}`, filterValues, 0, (_slot, bind) => {
      const from = this.db.selectFrom(this.table);
      return (unfiltered ? from : from.where((eb) => filterExpr(eb, this.d, this.cols, where, bind))).select((eb) => eb.fn.countAll().as('n'));
    });
    const counted = (await this.read(count))[0];
    const total = Number(counted?.n ?? 0);
    let data: T[] = [];
    if (q.limit !== 0 && total > q.skip) {
      const keys = q.sort.some((k) => k.field === this.key) ? q.sort : [...q.sort, { field: this.key, desc: false }];
      // The page's values: the filter's, then the limit and the offset when given.
      const values = [...filterValues];
      const limitAt = q.limit !== undefined ? values.push(q.limit) - 1 : -1;
      const skipAt = q.skip > 0 ? values.push(q.skip) - 1 : -1;
      const shape = `page${filter}${JSON.stringify(keys)}${limitAt}${skipAt}`;
      const page = this.queries.query(shape, values, 0, (slot, bind) => {
        const from = this.db.selectFrom(this.table);
        let sel = (unfiltered ? from : from.where((eb) => filterExpr(eb, this.d, this.cols, where, bind))).selectAll();
        // Nulls sort as the memory store sorts them; the key is never null, and a nulls clause on
        // it would keep PostgreSQL from reading its index in order (a sort of the whole table).
        for (const k of keys)
          sel = sel.orderBy(k.field, (ob) => (k.field === this.key ? (k.desc ? ob.desc() : ob.asc()) : k.desc ? ob.desc().nullsLast() : ob.asc().nullsFirst()));
        if (limitAt >= 0) sel = sel.limit(slot<number>(limitAt));
        else if (skipAt >= 0 && this.d === 'sqlite') sel = sel.limit(-1);
        if (skipAt >= 0) sel = sel.offset(slot<number>(skipAt));
        return sel;
      });
      data = (await this.read(page)).map((r) => this.row(r));
    }
    return { total, limit: q.limit, skip: q.skip, data };
  }

  private insertValues(data: Row): Record<string, unknown> {
    const d = checkData(this.cols, data, true, this.name);
    if (d[this.key] === undefined || d[this.key] === null) {
      delete d[this.key];
      if (this.cols.key.kind === 'text') d[this.key] = randomUUID();
    }
    if (this.version) d[this.version] = 1;
    const v = this.values(d);
    // An insert of no column at all: the key's default (SQLite reads NULL as "the next one").
    if (Object.keys(v).length === 0) v[this.key] = this.d === 'sqlite' ? null : sql`default`;
    return v;
  }

  /** One insert … returning *, compiled once per set of columns. */
  private *insert(r: Record<string, unknown>): Statements<Record<string, unknown>> {
    const names = Object.keys(r);
    let q: CompiledQuery;
    // The insert of no column at all names the key's default: no values to swap in.
    if (names.length === 1 && names[0] === this.key && r[this.key] !== null && typeof r[this.key] === 'object')
      q = this.db.insertInto(this.table).values(r).returningAll().compile();
    else
      q = this.queries.query(`insert${JSON.stringify(names)}`, Object.values(r), 0, (slot) =>
        this.db
          .insertInto(this.table)
          .values(Object.fromEntries(names.map((n, i) => [n, slot<unknown>(i)])))
          .returningAll(),
      );
    const row = (yield q)[0];
    if (!row) throw new Error(`insert into ${this.table} returned no row`);
    return row;
  }

  async create(data: Row): Promise<T> {
    return (await this.createMany([data]))[0]!;
  }

  async createMany(data: readonly Row[]): Promise<T[]> {
    if (data.length === 0) return [];
    const rows = data.map((d) => this.insertValues(d));
    return this.logged(this.name, rows.length === 1, this.inserting(rows), this.created);
  }

  /** One statement per row: rows may name different columns, and RETURNING keeps their order. */
  private *inserting(rows: readonly Record<string, unknown>[]): Statements<T[]> {
    const out: T[] = [];
    for (const r of rows) out.push(this.row(yield* this.insert(r)));
    return out;
  }

  private async write(id: Id, data: Row, o: WriteOptions, full: boolean): Promise<T> {
    const where = checkFilter(this.cols, o.where, this.name);
    const d = checkData(this.cols, data, full, this.name);
    delete d[this.key];
    if (this.version) delete d[this.version];
    if (full) for (const c of this.cols.list) if (c !== this.cols.key && c !== this.cols.version && !(c.name in d)) d[c.name] = null;
    if (!this.validId(id)) throw this.notFound(id);
    const target = `${this.name} ${id}`;
    const set = this.values(d);
    const names = Object.keys(set);
    const v = this.version;
    const checked = v !== undefined && o.ifVersion !== undefined;
    // The values: the key, the fields set, the scope's, then the version expected.
    const values: unknown[] = [this.idValue(id), ...Object.values(set)];
    const filterStart = values.length;
    const shape = `update${JSON.stringify(names)}${filterShape(this.d, this.cols, where, values)}${checked}`;
    const versionAt = checked ? values.push(o.ifVersion) - 1 : -1;
    // Without the log, one statement: its own transaction.
    const logging = this.changes.enabled;
    const q = this.queries.query(shape, values, filterStart, (slot, bind) => {
      const fields: Record<string, unknown> = Object.fromEntries(names.map((n, i) => [n, slot<unknown>(i + 1)]));
      return this.db
        .updateTable(this.table)
        .set((eb) => (v ? { ...fields, [v]: eb(eb.ref(v), '+', 1) } : names.length > 0 ? fields : { [this.key]: eb.ref(this.key) }))
        .where((eb) =>
          eb.and([
            eb(eb.ref(this.key), '=', slot<unknown>(0)),
            filterExpr(eb, this.d, this.cols, where, bind),
            ...(v && versionAt >= 0 ? [eb(eb.ref(v), '=', slot<number>(versionAt))] : []),
          ]),
        )
        .returningAll();
    });
    const r = await this.logged(target, true, this.updating(q, id, where, o, logging), (w): Change[] => [
      { action: 'updated', pk: id, data: w.row, previous: w.previous ?? w.row },
    ]);
    return r.row;
  }

  private *updating(q: CompiledQuery, id: Id, where: Filter, o: WriteOptions, logging: boolean): Statements<{ row: T; previous: T | undefined }> {
    const previous = logging ? yield* this.previous(id) : undefined;
    const raw = (yield q)[0];
    if (raw) return { row: this.row(raw), previous };
    throw yield* this.missed(id, where, o);
  }

  /** Why a one-record write changed nothing: a stale version (412) or no such record (404). */
  private *missed(id: Id, where: Filter, o: WriteOptions): Statements<Error> {
    if (this.version && o.ifVersion !== undefined) {
      const there = yield this.db
        .selectFrom(this.table)
        .select(this.key)
        .where((eb) => eb.and([eb(eb.ref(this.key), '=', this.idValue(id)), filterExpr(eb, this.d, this.cols, where)]))
        .compile();
      if (there.length > 0) return sbError('SB_PRECONDITION_FAILED', { target: `${this.name} ${id}`, condition: `version ${o.ifVersion}` });
    }
    return this.notFound(id);
  }

  update(id: Id, data: Row, options: WriteOptions = {}): Promise<T> {
    return this.write(id, data, options, true);
  }

  patch(id: Id, data: Row, options: WriteOptions = {}): Promise<T> {
    return this.write(id, data, options, false);
  }

  async patchMany(data: Row, where: Filter): Promise<T[]> {
    const f = checkFilter(this.cols, where, this.name);
    const d = checkData(this.cols, data, false, this.name);
    delete d[this.key];
    if (this.version) delete d[this.version];
    const set = this.values(d);
    const v = this.version;
    if (Object.keys(set).length === 0 && !v) return (await this.find({ where: f })).data;
    const logging = this.changes.enabled;
    const before = new Map<unknown, T>();
    let sel: CompiledQuery | undefined;
    if (logging) {
      const q = this.db
        .selectFrom(this.table)
        .selectAll()
        .where((eb) => filterExpr(eb, this.d, this.cols, f));
      sel = (this.d === 'postgres' ? q.forUpdate() : q).compile();
    }
    const update = this.db
      .updateTable(this.table)
      .set((eb) => (v ? { ...set, [v]: eb(eb.ref(v), '+', 1) } : set))
      .where((eb) => filterExpr(eb, this.d, this.cols, f))
      .returningAll()
      .compile();
    return this.logged(this.name, false, this.patching(sel, update, before), (rows) =>
      rows.map((r): Change => ({ action: 'updated', pk: r[this.key] as Id, data: r, previous: before.get(r[this.key]) ?? r })),
    );
  }

  /** The rows `sel` finds (as they were, into `before`), then those `update` changes. */
  private *patching(sel: CompiledQuery | undefined, update: CompiledQuery, before: Map<unknown, T>): Statements<T[]> {
    if (sel)
      for (const raw of yield sel) {
        const r = this.row(raw);
        before.set(r[this.key], r);
      }
    return yield* this.returned(update);
  }

  /** The rows a statement returns, in key order. */
  private *returned(q: CompiledQuery): Statements<T[]> {
    const rows = yield q;
    return rows.map((r) => this.row(r)).sort((a, b) => (a[this.key]! < b[this.key]! ? -1 : 1));
  }

  async remove(id: Id, options: WriteOptions = {}): Promise<T> {
    const where = checkFilter(this.cols, options.where, this.name);
    if (!this.validId(id)) throw this.notFound(id);
    const v = this.version;
    const values: unknown[] = [this.idValue(id)];
    const checked = v !== undefined && options.ifVersion !== undefined;
    const shape = `remove${filterShape(this.d, this.cols, where, values)}${checked}`;
    const versionAt = checked ? values.push(options.ifVersion) - 1 : -1;
    const q = this.queries.query(shape, values, 1, (slot, bind) =>
      this.db
        .deleteFrom(this.table)
        .where((eb) =>
          eb.and([
            eb(eb.ref(this.key), '=', slot<unknown>(0)),
            filterExpr(eb, this.d, this.cols, where, bind),
            ...(v && versionAt >= 0 ? [eb(eb.ref(v), '=', slot<number>(versionAt))] : []),
          ]),
        )
        .returningAll(),
    );
    return this.logged(`${this.name} ${id}`, true, this.removing(q, id, where, options), (row) => this.deleted([row]));
  }

  private *removing(q: CompiledQuery, id: Id, where: Filter, o: WriteOptions): Statements<T> {
    const raw = (yield q)[0];
    if (raw) return this.row(raw);
    throw yield* this.missed(id, where, o);
  }

  async removeMany(where: Filter): Promise<T[]> {
    const f = checkFilter(this.cols, where, this.name);
    const q = this.db
      .deleteFrom(this.table)
      .where((eb) => filterExpr(eb, this.d, this.cols, f))
      .returningAll()
      .compile();
    return this.logged(this.name, false, this.returned(q), this.deleted);
  }

  async close(): Promise<void> {
    if (this.o.ownsDb !== false) await this.db.destroy();
  }
}
