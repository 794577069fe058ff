/**
 * The in-memory store: a map of cloned rows. Writes are synchronous between two awaits, so each
 * is atomic without locks; a many-row write checks every row before it changes any. It keeps a
 * change log in memory (`changes`, a ring), recorded in the same step as each write.
 */
import { randomUUID } from 'node:crypto';
import type { TSchema } from '@sinclair/typebox';
import { sbError } from '../errors/index.ts';
import { type Columns, checkData, columnsOf } from './fields.ts';
import { MemoryChangeLog } from './memory-change-log.ts';
import { checkFilter, checkFind, compare, matches } from './query.ts';
import type { Filter, FindQuery, Id, Page, Row, Store, WriteOptions } from './store.ts';

export interface MemoryStoreOptions {
  /** The row schema (`t.complex`). */
  schema: TSchema;
  /** Name in errors (default `record`). */
  name?: string;
  /** Key field (default `id`). */
  key?: string;
  /** Integer field holding the optimistic version, bumped by every write. */
  version?: string;
  /** Fields whose values no two records share (a write that would break it is `SB_CONFLICT`). */
  unique?: readonly string[];
}

/** A store in memory, for tests and prototypes; it forgets everything when the process ends. */
export function memoryStore<T extends Row = Row>(options: MemoryStoreOptions): Store<T> {
  return new MemoryStore<T>(options);
}

class MemoryStore<T extends Row> implements Store<T> {
  readonly key: string;
  readonly version: string | undefined;
  private readonly cols: Columns;
  private readonly name: string;
  private readonly unique: readonly string[];
  private readonly rows = new Map<Id, Row>();
  private next = 1;
  readonly changes = new MemoryChangeLog();

  constructor(o: MemoryStoreOptions) {
    this.key = o.key ?? 'id';
    this.version = o.version;
    this.cols = columnsOf(o.schema, this.key, o.version);
    this.name = o.name ?? 'record';
    this.unique = o.unique ?? [];
  }

  private notFound(id: Id): Error {
    return sbError('SB_RECORD_NOT_FOUND', { resource: this.name, key: this.key, id: String(id) });
  }

  private found(id: Id, where: Filter | undefined): Row {
    const row = this.rows.get(id);
    if (!row || (where && !matches(row, checkFilter(this.cols, where, this.name)))) throw this.notFound(id);
    return row;
  }

  private checkVersion(row: Row, id: Id, ifVersion: number | undefined): void {
    if (ifVersion === undefined || this.version === undefined) return;
    if (row[this.version] !== ifVersion) throw sbError('SB_PRECONDITION_FAILED', { target: `${this.name} ${id}`, condition: `version ${ifVersion}` });
  }

  /** Refuses a set of rows that would share a unique value (with each other or the rest). */
  private checkUnique(changed: readonly Row[]): void {
    for (const field of [this.key, ...this.unique]) {
      const seen = new Map<unknown, Id>();
      const ids = new Set(changed.map((r) => r[this.key] as Id));
      for (const r of this.rows.values()) if (!ids.has(r[this.key] as Id) && r[field] != null) seen.set(r[field], r[this.key] as Id);
      for (const r of changed) {
        const v = r[field];
        if (v == null) continue;
        if (seen.has(v))
          throw sbError('SB_CONFLICT', { target: `${this.name} ${String(r[this.key] ?? '')}`.trim(), reason: `another record has this ${field}` });
        seen.set(v, r[this.key] as Id);
      }
    }
  }

  /** A copy of the row as the SQL stores read it back: a nullable field left unset is null there. */
  private out(row: Row): T {
    const copy = structuredClone(row);
    for (const c of this.cols.list) if (c.nullable && copy[c.name] === undefined) copy[c.name] = null;
    return copy as T;
  }

  private newRow(data: Row): Row {
    const d = checkData(this.cols, data, true, this.name);
    const row = structuredClone(d);
    if (row[this.key] === undefined || row[this.key] === null) {
      if (this.cols.key.kind === 'integer') {
        while (this.rows.has(this.next)) this.next++;
        row[this.key] = this.next++;
      } else row[this.key] = randomUUID();
    } else if (typeof row[this.key] === 'number' && (row[this.key] as number) >= this.next) this.next = (row[this.key] as number) + 1;
    if (this.version) row[this.version] = 1;
    return row;
  }

  async get(id: Id, options: { where?: Filter } = {}): Promise<T> {
    return this.out(this.found(id, options.where));
  }

  async find(query?: FindQuery): Promise<Page<T>> {
    const q = checkFind(this.cols, query, this.name);
    const all = [...this.rows.values()].filter((r) => matches(r, q.where));
    const keys = [...q.sort, { field: this.key }];
    all.sort((a, b) => {
      for (const k of keys) {
        const c = compare(a[k.field], b[k.field]);
        if (c !== 0) return k.desc ? -c : c;
      }
      return 0;
    });
    const end = q.limit === undefined ? undefined : q.skip + q.limit;
    return { total: all.length, limit: q.limit, skip: q.skip, data: all.slice(q.skip, end).map((r) => this.out(r)) };
  }

  async create(data: Row): Promise<T> {
    return (await this.createMany([data]))[0]!;
  }

  async createMany(data: readonly Row[]): Promise<T[]> {
    const before = this.next;
    try {
      const rows = data.map((d) => this.newRow(d));
      for (const r of rows)
        if (this.rows.has(r[this.key] as Id))
          throw sbError('SB_CONFLICT', { target: `${this.name} ${r[this.key]}`, reason: `a record with this ${this.key} exists` });
      this.checkUnique(rows);
      for (const r of rows) this.rows.set(r[this.key] as Id, r);
      const out = rows.map((r) => this.out(r));
      if (this.changes.enabled) this.changes.record(out.map((r) => ({ action: 'created' as const, pk: r[this.key] as Id, data: r })));
      return out;
    } catch (err) {
      this.next = before;
      throw err;
    }
  }

  private write(id: Id, data: Row, options: WriteOptions, full: boolean): T {
    const old = this.found(id, options.where);
    this.checkVersion(old, id, options.ifVersion);
    const d = structuredClone(checkData(this.cols, data, full, this.name));
    delete d[this.key];
    if (this.version) delete d[this.version];
    const row: Row = full ? { [this.key]: id, ...d } : { ...old, ...d };
    if (this.version) row[this.version] = (old[this.version] as number) + 1;
    this.checkUnique([row]);
    this.rows.set(id, row);
    const out = this.out(row);
    if (this.changes.enabled) this.changes.record([{ action: 'updated', pk: id, data: out, previous: this.out(old) }]);
    return out;
  }

  async update(id: Id, data: Row, options: WriteOptions = {}): Promise<T> {
    return this.write(id, data, options, true);
  }

  async patch(id: Id, data: Row, options: WriteOptions = {}): Promise<T> {
    return this.write(id, data, options, false);
  }

  async patchMany(data: Row, where: Filter): Promise<T[]> {
    const f = checkFilter(this.cols, where, this.name);
    const d = structuredClone(checkData(this.cols, data, false, this.name));
    delete d[this.key];
    if (this.version) delete d[this.version];
    const before = [...this.rows.values()].filter((r) => matches(r, f));
    const changed = before.map((r) => ({ ...r, ...structuredClone(d), ...(this.version ? { [this.version]: (r[this.version] as number) + 1 } : {}) }));
    this.checkUnique(changed);
    for (const r of changed) this.rows.set(r[this.key] as Id, r);
    const out = changed.map((r) => this.out(r));
    if (this.changes.enabled)
      this.changes.record(out.map((r, i) => ({ action: 'updated' as const, pk: r[this.key] as Id, data: r, previous: this.out(before[i]!) })));
    return out;
  }

  async remove(id: Id, options: WriteOptions = {}): Promise<T> {
    const old = this.found(id, options.where);
    this.checkVersion(old, id, options.ifVersion);
    this.rows.delete(id);
    const out = this.out(old);
    if (this.changes.enabled) this.changes.record([{ action: 'deleted', pk: id, data: out }]);
    return out;
  }

  async removeMany(where: Filter): Promise<T[]> {
    const f = checkFilter(this.cols, where, this.name);
    const gone = [...this.rows.values()].filter((r) => matches(r, f));
    for (const r of gone) this.rows.delete(r[this.key] as Id);
    const out = gone.map((r) => this.out(r));
    if (this.changes.enabled) this.changes.record(out.map((r) => ({ action: 'deleted' as const, pk: r[this.key] as Id, data: r })));
    return out;
  }

  async close(): Promise<void> {}
}
