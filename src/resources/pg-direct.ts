/**
 * PostgreSQL's own pool behind a Kysely instance made by `postgresDb`, for the SQL store's writes
 * and reads: `begin`, a write's statements and `commit` go to one pooled client through `pg` itself. The
 * round trips are the same as through Kysely; its transaction and executor machinery around them
 * is what this saves (measured: about as much CPU per logged create as `pg` spends on it).
 */
import type { Kysely, PostgresPoolClient } from 'kysely';
import type { Db } from './sql-filter.ts';
import type { QueryRows, Statements } from './sql-statements.ts';

/** Where a direct write gets its client: the store's pool, lost connections failing as 503. */
export interface DirectPg {
  connect(): Promise<PostgresPoolClient>;
}

const pools = new WeakMap<Kysely<Db>, DirectPg>();

/** The pool behind a Kysely instance made by `postgresDb`; `undefined` for any other. */
export function directPg(db: Kysely<Db>): DirectPg | undefined {
  return pools.get(db);
}

/** Records `pool` as the one behind `db`. */
export function bindDirectPg(db: Kysely<Db>, pool: DirectPg): void {
  pools.set(db, pool);
}

/**
 * Runs the statements on one client of the pool, inside one transaction when `whole`: rolled back
 * (if the connection still answers) when a statement or the write's own logic throws.
 */
export async function runOnPool<R>(pool: DirectPg, whole: boolean, statements: Statements<R>): Promise<R> {
  const client = await pool.connect();
  try {
    if (whole) await client.query('begin', []);
    let step = statements.next();
    while (!step.done) step = statements.next((await client.query<Record<string, unknown>>(step.value.sql, step.value.parameters)).rows as QueryRows);
    if (whole) await client.query('commit', []);
    return step.value;
  } catch (err) {
    if (whole) await client.query('rollback', []).catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}
