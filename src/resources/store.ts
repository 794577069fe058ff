/**
 * The store contract: what a resource needs from a database, small enough to implement in an
 * afternoon. Every implementation (memory, SQLite, PostgreSQL) runs the one conformance suite
 * (`store.conformance.ts`). Every write is one transaction: it happens whole or not at all.
 * Rows are plain objects of the resource's schema; an optional field a row lacks is absent
 * (unset), never `undefined`. A store may keep a change log (`changes`): then each write records
 * its changes in its own transaction and the log is where event ids and replay come from.
 */
import type { StoreChanges } from './change-log.ts';

/** A record's key value. */
export type Id = string | number;

/** One stored record. */
export type Row = Record<string, unknown>;

/** A value a condition compares with. */
export type Scalar = string | number | boolean | bigint | null;

/** Feathers' operators on one field; several in one object must all hold. */
export interface Operators {
  readonly $eq?: Scalar;
  readonly $ne?: Scalar;
  readonly $lt?: Scalar;
  readonly $lte?: Scalar;
  readonly $gt?: Scalar;
  readonly $gte?: Scalar;
  readonly $in?: readonly Scalar[];
  readonly $nin?: readonly Scalar[];
}

/** A condition on one field: a value (equality) or operators. */
export type Condition = Scalar | Operators;

/**
 * Which rows: every named field's condition holds, and every `$and` member, and one `$or`
 * member at least. `{}` is every row. A field the schema does not declare is `SB_BAD_QUERY`.
 */
export interface Filter {
  readonly $or?: readonly Filter[];
  readonly $and?: readonly Filter[];
  readonly [field: string]: Condition | readonly Filter[] | undefined;
}

/** One ordering key; later keys break ties of earlier ones, the record key breaks the rest. */
export interface SortKey {
  readonly field: string;
  readonly desc?: boolean;
}

/** What `find` reads. */
export interface FindQuery {
  readonly where?: Filter;
  readonly sort?: readonly SortKey[];
  /** At most this many rows (`0`: only the count). Default: all. */
  readonly limit?: number;
  /** Rows skipped before the first returned. Default 0. */
  readonly skip?: number;
}

/** One page of `find`: the rows and how many the filter matches in all. */
export interface Page<T> {
  readonly total: number;
  readonly limit: number | undefined;
  readonly skip: number;
  readonly data: T[];
}

/** Options of writes to one record. */
export interface WriteOptions {
  /** The record must also match this (a caller's scope); otherwise it is not found. */
  readonly where?: Filter;
  /** Optimistic concurrency: the record's version field must hold this, else `SB_PRECONDITION_FAILED`. */
  readonly ifVersion?: number;
}

/** The store contract. Errors are catalogued: `SB_RECORD_NOT_FOUND` (404), `SB_BAD_QUERY` and `SB_INVALID_INPUT` (400), `SB_CONFLICT` (409), `SB_PRECONDITION_FAILED` (412). */
export interface Store<T extends Row = Row> {
  /** The key field's name (default `id`). */
  readonly key: string;
  /** The field holding the optimistic version, if the store keeps one. */
  readonly version: string | undefined;
  /** One record by key (and scope). */
  get(id: Id, options?: { readonly where?: Filter }): Promise<T>;
  /** The rows a query matches, a page of them. */
  find(query?: FindQuery): Promise<Page<T>>;
  /** Creates a record; the key is generated when not given (integers count up, strings are UUIDs). */
  create(data: Row): Promise<T>;
  /** Creates several records in one transaction: all or none. */
  createMany(data: readonly Row[]): Promise<T[]>;
  /** Replaces a record: fields not given are unset. */
  update(id: Id, data: Row, options?: WriteOptions): Promise<T>;
  /** Changes the given fields of a record. */
  patch(id: Id, data: Row, options?: WriteOptions): Promise<T>;
  /** Changes the given fields of every record the filter matches, in one transaction. */
  patchMany(data: Row, where: Filter): Promise<T[]>;
  /** Removes a record; returns it as it was. */
  remove(id: Id, options?: WriteOptions): Promise<T>;
  /** Removes every record the filter matches, in one transaction; returns them. */
  removeMany(where: Filter): Promise<T[]>;
  /** Releases connections. */
  close(): Promise<void>;
  /** The store's change log, if it keeps one (`change-log.ts`); without it a resource's bus numbers and logs events itself. */
  readonly changes?: StoreChanges;
}
