import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { changeLogConformance } from './change-log.conformance.ts';
import { sqliteStore } from './sqlite.ts';
import { storeConformance } from './store.conformance.ts';

const dir = mkdtempSync(join(tmpdir(), 'sb-sqlite-'));
after(() => rmSync(dir, { recursive: true, force: true }));

storeConformance('SQLite (a file)', (spec) => sqliteStore({ ...spec, file: join(dir, 'data', 'conformance.sqlite') }));
storeConformance('SQLite (:memory:)', (spec) => sqliteStore({ ...spec, file: ':memory:' }));
changeLogConformance('SQLite (a file)', (spec) => sqliteStore({ ...spec, file: join(dir, 'data', 'changes.sqlite') }), { persistent: true });
changeLogConformance('SQLite (:memory:)', (spec) => sqliteStore({ ...spec, file: ':memory:' }));
