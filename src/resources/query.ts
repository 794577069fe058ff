/**
 * Checking a query against the resource's columns before any store runs it: every field named
 * must be declared and comparable, every operator known, every value of the field's kind. What
 * is refused is `SB_BAD_QUERY`, never an unchecked query.
 */
import { sbError } from '../errors/index.ts';
import { type Column, type Columns, fits } from './fields.ts';
import type { Condition, Filter, FindQuery, Operators, Scalar, SortKey } from './store.ts';

const OPERATORS = new Set(['$eq', '$ne', '$lt', '$lte', '$gt', '$gte', '$in', '$nin']);

const bad = (reason: string) => sbError('SB_BAD_QUERY', { reason });

function column(cols: Columns, name: string, resource: string, what: string): Column {
  const c = cols.byName.get(name);
  if (!c) throw bad(`${resource} has no field ${name} to ${what}`);
  if (!c.comparable) throw bad(`${resource}'s field ${name} (${c.kind}) cannot be used to ${what}`);
  return c;
}

function checkValue(c: Column, v: unknown, resource: string): void {
  if (v === null || fits(c, v)) return;
  throw bad(`${JSON.stringify(typeof v === 'bigint' ? String(v) : v) ?? String(v)} is not a ${c.kind} value for ${resource}'s field ${c.name}`);
}

function isOperators(v: Condition): v is Operators {
  return typeof v === 'object' && v !== null;
}

/** Checks a filter (recursively); returns it. */
export function checkFilter(cols: Columns, f: Filter | undefined, resource: string): Filter {
  if (f === undefined) return {};
  if (typeof f !== 'object' || f === null || Array.isArray(f)) throw bad('a filter is an object');
  for (const [name, v] of Object.entries(f)) {
    if (v === undefined) continue;
    if (name === '$or' || name === '$and') {
      if (!Array.isArray(v)) throw bad(`${name} takes a list of filters`);
      for (const sub of v) checkFilter(cols, sub as Filter, resource);
      continue;
    }
    const c = column(cols, name, resource, 'filter on');
    const cond = v as Condition;
    if (!isOperators(cond)) {
      checkValue(c, cond, resource);
      continue;
    }
    for (const [op, arg] of Object.entries(cond)) {
      if (!OPERATORS.has(op)) throw bad(`unknown operator ${op} on ${name}`);
      if (op === '$in' || op === '$nin') {
        if (!Array.isArray(arg)) throw bad(`${op} on ${name} takes a list`);
        for (const a of arg) checkValue(c, a, resource);
      } else checkValue(c, arg, resource);
    }
  }
  return f;
}

/** Checks ordering keys. */
export function checkSort(cols: Columns, sort: readonly SortKey[] | undefined, resource: string): readonly SortKey[] {
  for (const k of sort ?? []) column(cols, k.field, resource, 'order by');
  return sort ?? [];
}

/** Checks a whole find query; `limit` and `skip` must be whole numbers ≥ 0. */
export function checkFind(cols: Columns, q: FindQuery | undefined, resource: string): Required<Pick<FindQuery, 'where' | 'sort' | 'skip'>> & FindQuery {
  const query = q ?? {};
  for (const n of ['limit', 'skip'] as const) {
    const v = query[n];
    if (v !== undefined && !(Number.isSafeInteger(v) && v >= 0)) throw bad(`${n} must be a whole number, 0 or more`);
  }
  return { ...query, where: checkFilter(cols, query.where, resource), sort: checkSort(cols, query.sort, resource), skip: query.skip ?? 0 };
}

/** Orders two stored values the way the SQL stores do: null first, then by value. */
export function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return b === null || b === undefined ? 0 : -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === 'string' && typeof b === 'string') {
    // Binary (code point) order, as SQLite's and PostgreSQL's "C" collation compare.
    return Buffer.compare(Buffer.from(a), Buffer.from(b));
  }
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
}

function holds(v: unknown, op: string, arg: unknown): boolean {
  const value = v === undefined ? null : v;
  switch (op) {
    case '$eq':
      return value === arg;
    case '$ne':
      return value !== arg;
    case '$in':
      return (arg as Scalar[]).some((a) => a === value);
    case '$nin':
      return !(arg as Scalar[]).some((a) => a === value);
  }
  // SQL: a comparison with null is never true.
  if (value === null || arg === null) return false;
  const c = compare(value, arg);
  return op === '$lt' ? c < 0 : op === '$lte' ? c <= 0 : op === '$gt' ? c > 0 : c >= 0;
}

/** True when `row` matches a checked filter (the memory store's reading of it). */
export function matches(row: Record<string, unknown>, f: Filter): boolean {
  for (const [name, v] of Object.entries(f)) {
    if (v === undefined) continue;
    if (name === '$or') {
      if (!(v as Filter[]).some((sub) => matches(row, sub))) return false;
    } else if (name === '$and') {
      if (!(v as Filter[]).every((sub) => matches(row, sub))) return false;
    } else if (isOperators(v as Condition)) {
      for (const [op, arg] of Object.entries(v as Operators)) if (!holds(row[name], op, arg)) return false;
    } else if (!holds(row[name], '$eq', v)) return false;
  }
  return true;
}
