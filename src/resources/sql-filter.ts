/**
 * A checked filter as a Kysely expression. Nulls read as the memory store reads them: `$ne` and
 * `$nin` hold for a null field, `$in` with `null` among its values finds null fields, and an
 * order comparison with null never holds.
 */
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Columns } from './fields.ts';
import { type Dialect, toDb } from './sql-columns.ts';
import type { Condition, Filter, Operators, Scalar } from './store.ts';

/** The database seen by the SQL store: any table of any columns, names checked before use. */
export type Db = Record<string, Record<string, unknown>>;
type Eb = ExpressionBuilder<Db, string>;

const COMPARE = { $lt: '<', $lte: '<=', $gt: '>', $gte: '>=' } as const;

function opExpr(eb: Eb, d: Dialect, cols: Columns, name: string, op: string, arg: unknown): Expression<SqlBool> {
  const c = cols.byName.get(name)!;
  const ref = eb.ref(name);
  const val = (v: unknown) => toDb(d, c, v);
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
export function filterExpr(eb: Eb, d: Dialect, cols: Columns, f: Filter): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [];
  for (const [name, v] of Object.entries(f)) {
    if (v === undefined) continue;
    if (name === '$or') parts.push(eb.or((v as Filter[]).map((sub) => filterExpr(eb, d, cols, sub))));
    else if (name === '$and') parts.push(eb.and((v as Filter[]).map((sub) => filterExpr(eb, d, cols, sub))));
    else if (typeof v === 'object' && v !== null) for (const [op, arg] of Object.entries(v as Operators)) parts.push(opExpr(eb, d, cols, name, op, arg));
    else parts.push(opExpr(eb, d, cols, name, '$eq', v as Condition));
  }
  return eb.and(parts);
}
