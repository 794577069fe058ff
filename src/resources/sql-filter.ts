/**
 * A checked filter as a Kysely expression. Nulls read as the memory store reads them: `$ne` and
 * `$nin` hold for a null field, `$in` with `null` among its values finds null fields, and an
 * order comparison with null never holds.
 *
 * `filterExpr` places each compared value through `bind`, and `filterShape` walks a filter the
 * same way, in the same order: the SQL of a filter depends only on its shape (fields,
 * operators, which values are null, list lengths), so a query compiled once per shape takes
 * the values of the next filter of that shape as its parameters (`sql-compiled.ts`).
 */
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Column, Columns } from './fields.ts';
import { type Dialect, toDb } from './sql-columns.ts';
import type { Condition, Filter, Operators, Scalar } from './store.ts';

/** The database seen by the SQL store: any table of any columns, names checked before use. */
export type Db = Record<string, Record<string, unknown>>;
type Eb = ExpressionBuilder<Db, string>;

/** What a compared value becomes in the query: the driver's value, or a slot for it. */
export type Bind = (c: Column, v: unknown) => unknown;

const COMPARE = { $lt: '<', $lte: '<=', $gt: '>', $gte: '>=' } as const;

function opExpr(eb: Eb, cols: Columns, name: string, op: string, arg: unknown, bind: Bind): Expression<SqlBool> {
  const c = cols.byName.get(name)!;
  const ref = eb.ref(name);
  const val = (v: unknown) => bind(c, v);
  switch (op) {
    case '$eq':
      return arg === null ? eb(ref, 'is', null) : eb(ref, '=', val(arg));
    case '$ne':
      return arg === null ? eb(ref, 'is not', null) : eb.or([eb(ref, '<>', val(arg)), eb(ref, 'is', null)]);
    case '$in':
    case '$nin': {
      const list = arg as readonly Scalar[];
      const values = list.filter((v) => v !== null).map(val);
      const withNull = values.length < list.length;
      if (op === '$in') {
        const parts: Expression<SqlBool>[] = values.length > 0 ? [eb(ref, 'in', values)] : [];
        if (withNull) parts.push(eb(ref, 'is', null));
        return eb.or(parts);
      }
      const parts: Expression<SqlBool>[] = values.length > 0 ? [eb.or([eb(ref, 'not in', values), eb(ref, 'is', null)])] : [];
      if (withNull) parts.push(eb(ref, 'is not', null));
      return eb.and(parts);
    }
    default:
      return arg === null ? sql<SqlBool>`1 = 0` : eb(ref, COMPARE[op as keyof typeof COMPARE], val(arg));
  }
}

/** The expression of a filter already checked by `checkFilter`. */
export function filterExpr(eb: Eb, d: Dialect, cols: Columns, f: Filter, bind: Bind = (c, v) => toDb(d, c, v)): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [];
  for (const [name, v] of Object.entries(f)) {
    if (v === undefined) continue;
    if (name === '$or') parts.push(eb.or((v as Filter[]).map((sub) => filterExpr(eb, d, cols, sub, bind))));
    else if (name === '$and') parts.push(eb.and((v as Filter[]).map((sub) => filterExpr(eb, d, cols, sub, bind))));
    else if (typeof v === 'object' && v !== null) for (const [op, arg] of Object.entries(v as Operators)) parts.push(opExpr(eb, cols, name, op, arg, bind));
    else parts.push(opExpr(eb, cols, name, '$eq', v as Condition, bind));
  }
  return eb.and(parts);
}

/**
 * The shape of a checked filter, as a text, with its values (as the driver takes them) pushed
 * on `values` in the order `filterExpr` binds them. Two filters of one shape make the same SQL.
 */
export function filterShape(d: Dialect, cols: Columns, f: Filter, values: unknown[]): string {
  let key = '(';
  for (const [name, v] of Object.entries(f)) {
    if (v === undefined) continue;
    if (name === '$or' || name === '$and') {
      key += `${name}[`;
      for (const sub of v as Filter[]) key += filterShape(d, cols, sub, values);
      key += ']';
    } else if (typeof v === 'object' && v !== null) for (const [op, arg] of Object.entries(v as Operators)) key += opShape(d, cols, name, op, arg, values);
    else key += opShape(d, cols, name, '$eq', v, values);
  }
  return `${key})`;
}

function opShape(d: Dialect, cols: Columns, name: string, op: string, arg: unknown, values: unknown[]): string {
  const c = cols.byName.get(name)!;
  // JSON.stringify: a field name is any text, so it is quoted to keep shapes apart.
  const head = `${JSON.stringify(name)}${op}`;
  if (op === '$in' || op === '$nin') {
    const list = arg as readonly Scalar[];
    let n = 0;
    for (const v of list) {
      if (v === null) continue;
      values.push(toDb(d, c, v));
      n++;
    }
    return `${head}${n}${n < list.length ? 'n' : ''};`;
  }
  if (arg === null) return `${head}null;`;
  values.push(toDb(d, c, arg));
  return `${head};`;
}
