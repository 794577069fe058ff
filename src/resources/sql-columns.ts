/**
 * How each column kind is kept in each SQL dialect, and the conversions between a row's values
 * and the driver's: SQLite has no booleans (0/1) nor JSON (text); PostgreSQL's int8 comes back
 * as a string; both give bytes as a Node `Buffer`, which reads back as a plain `Uint8Array`.
 */
import { type RawBuilder, sql } from 'kysely';
import type { Column, ColumnKind } from './fields.ts';

export type Dialect = 'sqlite' | 'postgres';

/** The column type a new column is created with. */
const CREATE: Record<Dialect, Record<ColumnKind, string>> = {
  sqlite: { text: 'text', integer: 'integer', real: 'real', bigint: 'integer', boolean: 'integer', blob: 'blob', json: 'text' },
  // Text compares in code-point order ("C"), as SQLite and the memory store do, whatever the database's locale.
  postgres: { text: 'text collate "C"', integer: 'int8', real: 'float8', bigint: 'int8', boolean: 'bool', blob: 'bytea', json: 'jsonb' },
};

/** The type the introspector reports for a column made by `CREATE`. */
const SEEN: Record<Dialect, Record<ColumnKind, string>> = {
  sqlite: CREATE.sqlite,
  postgres: { ...CREATE.postgres, text: 'text' },
};

export function columnType(d: Dialect, kind: ColumnKind): RawBuilder<unknown> {
  return sql.raw(CREATE[d][kind]);
}

/** True when an existing column's reported type is the one this kind is kept in. */
export function sameType(d: Dialect, kind: ColumnKind, reported: string): boolean {
  return reported.toLowerCase() === SEEN[d][kind];
}

/** A row value as the driver takes it. */
export function toDb(d: Dialect, c: Column, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  switch (c.kind) {
    case 'boolean':
      return d === 'sqlite' ? (v ? 1 : 0) : v;
    case 'json':
      return JSON.stringify(v);
    case 'bigint':
      return d === 'sqlite' ? v : String(v);
    case 'blob':
      return Buffer.from(v as Uint8Array);
    default:
      return v;
  }
}

/** A driver value as the row holds it. */
export function fromDb(d: Dialect, c: Column, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  switch (c.kind) {
    case 'boolean':
      return d === 'sqlite' ? Number(v) !== 0 : v;
    case 'integer':
    case 'real':
      return Number(v);
    case 'bigint':
      return BigInt(v as string | number | bigint);
    case 'json':
      return typeof v === 'string' && d === 'sqlite' ? JSON.parse(v) : v;
    case 'blob': {
      const b = v as Uint8Array;
      return new Uint8Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
    }
    default:
      return v;
  }
}
