/**
 * A resource schema read as stored columns: each field's storage kind (how a database keeps
 * it), whether it may be null, and a check of the values a store is given. Stores share this so
 * the memory store refuses what the SQL one would.
 */
import type { TSchema } from '@sinclair/typebox';
import { declarationError } from '../errors/declaration.ts';
import { type FieldError, sbError } from '../errors/index.ts';
import { type Shape, shapeOf } from '../schema/describe.ts';
import type { Row } from './store.ts';

/** How a field is kept: one column type per kind in each SQL dialect. */
export type ColumnKind = 'text' | 'integer' | 'real' | 'bigint' | 'boolean' | 'blob' | 'json';

export interface Column {
  readonly name: string;
  readonly kind: ColumnKind;
  /** The schema holds `null` (a nullable field). */
  readonly nullable: boolean;
  /** Required in a full write (`mandatory` in `t.complex`). */
  readonly required: boolean;
  /** Filtering and ordering are defined on it (not on JSON or bytes). */
  readonly comparable: boolean;
}

/** The columns of a resource schema, and its key and version fields. */
export interface Columns {
  readonly list: readonly Column[];
  readonly byName: ReadonlyMap<string, Column>;
  readonly key: Column;
  readonly version: Column | undefined;
}

function kindOf(s: Shape): ColumnKind {
  switch (s.k) {
    case 'string':
    case 'decimal':
    case 'date':
    case 'time':
    case 'datetime':
      return 'text';
    case 'enum':
      return typeof s.values[0] === 'number' ? 'integer' : 'text';
    case 'integer':
      return 'integer';
    case 'number':
      return 'real';
    case 'int64':
      return 'bigint';
    case 'boolean':
      return 'boolean';
    case 'binary':
      return 'blob';
    default:
      return 'json';
  }
}

/** Reads `schema` (an object schema, e.g. `t.complex`) into columns; `key` must be a string or integer field. */
export function columnsOf(schema: TSchema, key: string, version?: string): Columns {
  const shape = shapeOf(schema);
  if (shape.k !== 'complex') throw declarationError('SB_DECL_RESOURCE_SCHEMA', { reason: 'it is not an object schema (t.complex)' });
  const list = shape.fields.map((f): Column => {
    let s = shapeOf(f.schema);
    const nullable = s.k === 'nullable';
    if (s.k === 'nullable') s = shapeOf(s.inner);
    const kind = kindOf(s);
    return { name: f.name, kind, nullable, required: f.required, comparable: kind !== 'json' && kind !== 'blob' };
  });
  const byName = new Map(list.map((c) => [c.name, c]));
  const k = byName.get(key);
  if (!k) throw declarationError('SB_DECL_RESOURCE_SCHEMA', { reason: `its key field "${key}" is not one of its fields` });
  if (k.kind !== 'integer' && k.kind !== 'text')
    throw declarationError('SB_DECL_RESOURCE_SCHEMA', { reason: `its key field "${key}" is neither a string nor an integer` });
  const v = version === undefined ? undefined : byName.get(version);
  if (version !== undefined && v?.kind !== 'integer')
    throw declarationError('SB_DECL_RESOURCE_SCHEMA', { reason: `its version field "${version}" is not an integer field` });
  return { list, byName, key: k, version: v };
}

/** True when `v` is a value of the column's kind (null aside). */
export function fits(c: Column, v: unknown): boolean {
  switch (c.kind) {
    case 'text':
      return typeof v === 'string';
    case 'integer':
      return typeof v === 'number' && Number.isSafeInteger(v);
    case 'real':
      return typeof v === 'number' && Number.isFinite(v);
    case 'bigint':
      return typeof v === 'bigint';
    case 'boolean':
      return typeof v === 'boolean';
    case 'blob':
      return v instanceof Uint8Array;
    case 'json':
      return v !== undefined;
  }
}

/**
 * Checks data given to a write: known fields, values of their kinds, and — for a full write
 * (`create`, `update`) — every required field present. Refuses with `SB_INVALID_INPUT` listing
 * each bad field. Returns the data without `undefined` members.
 */
export function checkData(cols: Columns, data: Row, full: boolean, resource: string): Row {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw sbError('SB_BAD_QUERY', { reason: `the data for ${resource} is not an object` });
  const fields: FieldError[] = [];
  const out: Row = {};
  for (const [name, v] of Object.entries(data)) {
    if (v === undefined) continue;
    const c = cols.byName.get(name);
    if (!c) fields.push({ path: name, message: `${resource} has no field ${name}` });
    else if (v === null ? !c.nullable : !fits(c, v)) fields.push({ path: name, message: `not a valid ${c.kind} value` });
    else out[name] = v;
  }
  if (full) {
    for (const c of cols.list) {
      if (c.required && c !== cols.key && c !== cols.version && !(c.name in out)) fields.push({ path: c.name, message: 'This field is required.' });
    }
  }
  if (fields.length > 0) {
    const first = fields[0]!;
    throw sbError('SB_INVALID_INPUT', { name: first.path, value: String(data[first.path]), reason: first.message }, undefined, { fields });
  }
  return out;
}
