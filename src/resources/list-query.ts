/**
 * A list call's arguments read as a store query: filters in django-filter's spelling (`age=30`,
 * `age__gte=18`, `status__in=a,b`) or a `filter` argument in Feathers' operators (the RPC
 * protocols' form), ordering in DRF's (`-pub_date,id`), and either page form — limit/offset or
 * maxResults/pageToken — with a maximum page size. Fields not declared filterable are
 * `SB_BAD_QUERY`, never an unchecked query.
 */
import type { TObject, TSchema } from '@sinclair/typebox';
import { sbError } from '../errors/index.ts';
import { t } from '../schema/index.ts';
import type { Column, Columns } from './fields.ts';
import { fieldSchema } from './resource-schemas.ts';
import type { Filter, Operators, Scalar, SortKey } from './store.ts';

/** django-filter's lookups, and the operator each is. */
const LOOKUPS = { gt: '$gt', gte: '$gte', lt: '$lt', lte: '$lte', ne: '$ne', in: '$in' } as const;

const bad = (reason: string) => sbError('SB_BAD_QUERY', { reason });

/** The list function's arguments: paging, ordering, `filter`, and each filterable field's lookups. */
export function listArgs(schema: TObject, filterable: readonly string[]): Record<string, TSchema> {
  const args: Record<string, TSchema> = {
    limit: t.optional(t.integer({ minimum: 0 })),
    offset: t.optional(t.integer({ minimum: 0 })),
    page: t.optional(t.integer({ minimum: 1, description: 'A page number from 1, of `limit` rows (DRF’s and channels-api’s page form).' })),
    maxResults: t.optional(t.integer({ minimum: 0 })),
    pageToken: t.optional(t.string()),
    ordering: t.optional(t.string()),
    filter: t.optional(t.any()),
  };
  for (const f of filterable) {
    const s = fieldSchema(schema, f);
    args[f] = t.optional(s);
    for (const lookup of Object.keys(LOOKUPS)) args[`${f}__${lookup}`] = t.optional(lookup === 'in' ? t.string() : s);
  }
  return args;
}

/** One item of a comma-separated `__in` list, read as the field's kind. */
function item(c: Column, text: string): Scalar {
  switch (c.kind) {
    case 'integer':
    case 'real': {
      const n = Number(text);
      if (text.trim() === '' || !Number.isFinite(n) || (c.kind === 'integer' && !Number.isSafeInteger(n)))
        throw bad(`${text} is not a ${c.kind} for ${c.name}__in`);
      return n;
    }
    case 'bigint':
      try {
        return BigInt(text);
      } catch {
        throw bad(`${text} is not an integer for ${c.name}__in`);
      }
    case 'boolean':
      if (text !== 'true' && text !== 'false') throw bad(`${text} is not true or false for ${c.name}__in`);
      return text === 'true';
    default:
      return text;
  }
}

/** Every field a filter names must be filterable. */
function restrict(f: unknown, allowed: ReadonlySet<string>): void {
  if (typeof f !== 'object' || f === null || Array.isArray(f)) throw bad('a filter is an object');
  for (const [k, v] of Object.entries(f)) {
    if (k === '$or' || k === '$and') {
      if (!Array.isArray(v)) throw bad(`${k} takes a list of filters`);
      for (const sub of v) restrict(sub, allowed);
    } else if (!allowed.has(k)) throw bad(`${k} is not a field one may filter on`);
  }
}

/** The filter the arguments ask for. */
export function filterOf(args: Record<string, unknown>, cols: Columns, filterable: readonly string[]): Filter {
  return filterReader(cols, filterable)(args);
}

/**
 * {@link filterOf} set up once per resource: each filterable field's argument names are made
 * here, not per call (a list call would otherwise build and look up `field__lookup` texts for
 * every field and lookup), and a call naming no filter gets the same empty one.
 */
export function filterReader(cols: Columns, filterable: readonly string[]): (args: Record<string, unknown>) => Filter {
  const allowed = new Set(filterable);
  const fields = filterable.map((f) => ({
    name: f,
    column: cols.byName.get(f)!,
    lookups: Object.entries(LOOKUPS).map(([lookup, op]) => ({ arg: `${f}__${lookup}`, op, list: lookup === 'in' })),
  }));
  return (args) => {
    const parts: Filter[] = [];
    if (args.filter !== undefined) {
      restrict(args.filter, allowed);
      parts.push(args.filter as Filter);
    }
    let own: Record<string, Operators> | undefined;
    for (const f of fields) {
      let ops: Record<string, unknown> | undefined;
      if (args[f.name] !== undefined) ops = { $eq: args[f.name] };
      for (const l of f.lookups) {
        const v = args[l.arg];
        if (v === undefined) continue;
        ops ??= {};
        ops[l.op] = l.list
          ? String(v)
              .split(',')
              .map((x) => item(f.column, x))
          : v;
      }
      if (ops === undefined) continue;
      own ??= {};
      own[f.name] = ops as Operators;
    }
    if (own !== undefined) parts.push(own);
    return parts.length === 1 ? parts[0]! : parts.length === 0 ? {} : { $and: parts };
  };
}

/** DRF's ordering: `-pub_date,id` → pub_date descending, then id. */
export function orderingOf(text: string | undefined, orderable: readonly string[]): SortKey[] {
  if (text === undefined || text.trim() === '') return [];
  return text.split(',').map((part) => {
    const p = part.trim();
    const desc = p.startsWith('-');
    const field = desc ? p.slice(1) : p;
    if (!orderable.includes(field)) throw bad(`${field} is not a field one may order by`);
    return { field, desc };
  });
}

export interface PageRequest {
  readonly cursor: boolean;
  readonly limit: number;
  readonly offset: number;
}

/** The page asked for: limit/offset, or maxResults/pageToken (an opaque offset); never more than `max` rows. */
export function pageOf(args: Record<string, unknown>, size: number, max: number): PageRequest {
  const cursor = args.maxResults !== undefined || args.pageToken !== undefined;
  if (cursor && (args.limit !== undefined || args.offset !== undefined || args.page !== undefined))
    throw bad('give limit/offset (or page) or maxResults/pageToken, not both');
  if (args.page !== undefined && args.offset !== undefined) throw bad('give offset or page, not both');
  const want = (cursor ? args.maxResults : args.limit) as number | undefined;
  const limit = Math.min(want ?? size, max);
  let offset = args.page !== undefined ? ((args.page as number) - 1) * limit : ((args.offset as number | undefined) ?? 0);
  if (args.pageToken !== undefined) {
    const text = String(args.pageToken);
    const n = Number(Buffer.from(text, 'base64url').toString());
    // Only a token this list gave reads back to itself.
    if (!Number.isSafeInteger(n) || n < 0 || pageToken(n) !== text) throw bad('the pageToken is not one this list gave');
    offset = n;
  }
  return { cursor, limit, offset };
}

/** The token of the page starting at `offset`. */
export function pageToken(offset: number): string {
  return Buffer.from(String(offset)).toString('base64url');
}
