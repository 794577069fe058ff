/**
 * A write (or a read) as the statements it sends: a generator that yields each compiled query
 * and is resumed with that query's rows. One body, several ways to run it: on SQLite's own handle
 * at once, inside one synchronous transaction (`runNow` with `sqlite-direct.ts`: no promise per
 * statement and no lock to queue on, since nothing can run between its statements); on a
 * PostgreSQL pool client through pg (`pg-direct.ts`); or through Kysely, one await a statement
 * (`runThrough`: a database that Kysely alone holds).
 */
import type { CompiledQuery, Kysely } from 'kysely';
import type { Db } from './sql-filter.ts';

/** A statement's rows: those it returns (a select, or `… RETURNING`), else none. */
export type QueryRows = Record<string, unknown>[];

/** The statements of a write, ending in its result. */
export type Statements<R> = Generator<CompiledQuery, R, QueryRows>;

/** Runs the statements now, each through `exec`. */
export function runNow<R>(statements: Statements<R>, exec: (q: CompiledQuery) => QueryRows): R {
  let step = statements.next();
  while (!step.done) step = statements.next(exec(step.value));
  return step.value;
}

/** Runs the statements through Kysely (a transaction's `trx`, or the database itself). */
export async function runThrough<R>(statements: Statements<R>, db: Kysely<Db>): Promise<R> {
  let step = statements.next();
  while (!step.done) step = statements.next((await db.executeQuery<Record<string, unknown>>(step.value)).rows);
  return step.value;
}
