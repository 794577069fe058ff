/**
 * `serve x.edl --store S`: the storage the standard operations are answered from. `memory`;
 * `sqlite` (./data/<file>.sqlite, created with its folder, kept across restarts) or
 * `sqlite:<file>`; `postgres` (the URL in DATABASE_URL) or a `postgres://…` URL. The SQL
 * drivers are loaded only for the store that needs them.
 */
import { basename, extname, join } from 'node:path';
import type { EdlStorage } from '../idl/storage.ts';
import { memoryStorage } from '../idl/storage.ts';

export const STORE_KINDS = 'memory, sqlite, sqlite:<file>, postgres (with DATABASE_URL) or a postgres:// URL';

/** The storage `spec` names, for the EDL file `file`. */
export async function edlStorage(spec: string, file: string, env: NodeJS.ProcessEnv = process.env): Promise<EdlStorage> {
  if (spec === 'memory') return memoryStorage();
  if (spec === 'sqlite' || spec.startsWith('sqlite:')) {
    const path = spec === 'sqlite' ? join('data', `${basename(file, extname(file))}.sqlite`) : spec.slice('sqlite:'.length);
    if (path === '') throw new Error(`--store ${spec} names no file`);
    const [{ sqliteDb }, { sqlStorage }] = await Promise.all([import('../resources/sqlite.ts'), import('../idl/sql-storage.ts')]);
    return sqlStorage(sqliteDb(path), 'sqlite');
  }
  const url = spec === 'postgres' ? env.DATABASE_URL : /^postgres(ql)?:\/\//.test(spec) ? spec : undefined;
  if (spec === 'postgres' && !url) throw new Error('--store postgres reads its URL from DATABASE_URL, which is not set');
  if (!url) throw new Error(`--store takes ${STORE_KINDS}, not ${spec}`);
  const [{ postgresDb }, { sqlStorage }] = await Promise.all([import('../resources/postgres.ts'), import('../idl/sql-storage.ts')]);
  return sqlStorage(postgresDb(url), 'postgres');
}
