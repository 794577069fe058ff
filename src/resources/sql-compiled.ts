/**
 * Queries compiled once per shape. Building and compiling a Kysely query costs more than
 * running a small one on SQLite (and a good part of a PostgreSQL round trip), so the SQL store
 * builds each shape of query once, with a {@link Slot} in place of each value, and afterwards
 * only swaps the call's values into the compiled query's parameters. Kysely still writes every
 * SQL text; the shape text (see `filterShape`) says when two calls would get the same one.
 */
import type { CompiledQuery } from 'kysely';
import type { Bind } from './sql-filter.ts';

/** The place of the `i`-th value of a call in a compiled query's parameters. */
export class Slot {
  constructor(readonly i: number) {}
}

/** Where `values[i]` goes, typed as the value Kysely's builder expects there. */
export type SlotOf = <V>(i: number) => V;

/** Shapes kept per store: a filter's `$in` lengths make shapes, so the cache is bounded. */
const SHAPES = 256;

export class QueryCache {
  private readonly compiled = new Map<string, CompiledQuery>();

  /**
   * The query of `shape` with `values` as its parameters. `build` makes it the first time: it
   * puts `slot(i)` for `values[i]` and binds filter values in order from `filterStart` on.
   */
  query(shape: string, values: readonly unknown[], filterStart: number, build: (slot: SlotOf, bind: Bind) => { compile(): CompiledQuery }): CompiledQuery {
    let q = this.compiled.get(shape);
    if (q === undefined) {
      let next = filterStart;
      // A slot stands where Kysely's types want the value itself; Kysely only carries it to the parameters.
      q = build(
        (i) => new Slot(i) as never,
        () => new Slot(next++),
      ).compile();
      if (this.compiled.size >= SHAPES) this.compiled.delete(this.compiled.keys().next().value!);
      this.compiled.set(shape, q);
    }
    const params = q.parameters;
    const out = new Array<unknown>(params.length);
    for (let i = 0; i < params.length; i++) {
      const p = params[i];
      out[i] = p instanceof Slot ? values[p.i] : p;
    }
    return { query: q.query, queryId: q.queryId, sql: q.sql, parameters: out };
  }
}
