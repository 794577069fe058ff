/**
 * The `pg` pool as Kysely's PostgreSQL dialect sees it, with one difference: a query that fails
 * because its connection died (the server ended it, the network dropped it, none could be made)
 * fails with `SB_STORE_UNAVAILABLE` (503) instead of the driver's own error, which every
 * protocol would answer as an opaque 500. Constraint errors and the rest pass through as they are.
 */
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';
import { sbError } from '../errors/index.ts';

/** SQLSTATE classes and codes of a lost connection: 08 (connection exception), 57P01–57P03 (server shutting down). */
const LOST_STATE = /^(08|57P0[123])/;
/** Node's socket errors, and the messages `pg` gives a connection that ended under it (they carry no code). */
const LOST_CODE = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTCONN']);
const LOST_TEXT = /Connection terminated|connection error and is not queryable|Client was closed and is not queryable/i;

/** The 503 for a driver error of a lost connection; undefined for any other error. */
export function connectionLost(err: unknown): Error | undefined {
  if (!(err instanceof Error)) return undefined;
  const code = String((err as { code?: unknown }).code ?? '');
  if (!LOST_STATE.test(code) && !LOST_CODE.has(code) && !LOST_TEXT.test(err.message)) return undefined;
  return sbError('SB_STORE_UNAVAILABLE', { reason: err.message }, 503);
}

/** A pool whose clients' lost connections fail as `SB_STORE_UNAVAILABLE`. */
export function storePool(pool: pg.Pool): PostgresPool {
  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect().catch((err: unknown) => {
        throw connectionLost(err) ?? err;
      });
      // A connection seen lost is destroyed on release: the server's error (57P01) arrives before
      // its socket closes, and `pg` would otherwise put it back in the pool for the next call.
      let lost = false;
      const mapped = (err: unknown): never => {
        const e = connectionLost(err);
        if (e) lost = true;
        throw e ?? err;
      };
      return {
        // A cursor (Kysely's streams) is returned as it is; a query's promise has its failure mapped.
        query: ((text: unknown, parameters?: readonly unknown[]) => {
          const out = (client.query as (a: unknown, b?: unknown) => unknown)(text, parameters);
          return out instanceof Promise ? out.catch(mapped) : out;
        }) as PostgresPoolClient['query'],
        release: (destroy?: boolean) => client.release(destroy === true || lost),
      };
    },
    end: () => pool.end(),
  };
}
