import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { t } from '../schema/index.ts';
import { PG_URL } from './postgres.test.ts';
import { postgresStore } from './postgres.ts';
import { sqliteStore } from './sqlite.ts';
import type { Row, Store } from './store.ts';

const dir = mkdtempSync(join(tmpdir(), 'sb-migrate-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const run = `${process.pid.toString(36)}${Date.now().toString(36)}`;

const V1 = t.complex('Q', { id: t.integer(), text: t.string(), votes: t.integer() }, { mandatory: ['text'] });
const V2 = t.complex('Q', { id: t.integer(), text: t.string(), votes: t.integer(), pub: t.datetime() }, { mandatory: ['text'] });
const V3 = t.complex('Q', { id: t.integer(), text: t.string(), pub: t.datetime() }, { mandatory: ['text'] });
const V4 = t.complex('Q', { id: t.integer(), text: t.string(), pub: t.integer() }, { mandatory: ['text'] });

type Open = (
  table: string,
  schema: typeof V1 | typeof V2 | typeof V3 | typeof V4,
  allowDestructive?: boolean,
) => Promise<Store<Row> & { migrations: readonly string[] }>;

const file = join(dir, 'nested', 'app.sqlite');
const dialects: [string, Open][] = [
  ['SQLite file', (table, schema, allowDestructive) => sqliteStore({ file, table, schema, allowDestructive })],
  ['PostgreSQL', (table, schema, allowDestructive) => postgresStore({ connectionString: PG_URL, table, schema, allowDestructive, max: 2 })],
];

for (const [name, open] of dialects) {
  describe(`tables from the schema: ${name}`, () => {
    it('created on first start, kept across restarts; a new field adds a column; a destructive change needs allowDestructive', async () => {
      const table = `sb_migrate_${run}`;
      const a = await open(table, V1);
      assert.deepEqual(a.migrations, [`create table ${table}`]);
      await a.create({ text: 'kept', votes: 3 });
      await a.close();

      const b = await open(table, V1);
      assert.deepEqual(b.migrations, []);
      assert.deepEqual((await b.find()).data, [{ id: 1, text: 'kept', votes: 3 }]);
      await b.close();

      const c = await open(table, V2);
      assert.deepEqual(c.migrations, ['add column pub']);
      assert.deepEqual(await c.get(1), { id: 1, text: 'kept', votes: 3 });
      await c.patch(1, { pub: '2020-01-01T00:00:00Z' });
      await c.close();

      await assert.rejects(open(table, V3), (err: Error & { code: string }) => {
        assert.equal(err.code, 'SB_DECL_DESTRUCTIVE_MIGRATION');
        assert.match(err.message, /drop column votes/);
        return true;
      });
      await assert.rejects(open(table, V4), /change column pub/);
      const d = await open(table, V3, true);
      assert.deepEqual(d.migrations, ['drop column votes']);
      assert.deepEqual(await d.get(1), { id: 1, text: 'kept', pub: '2020-01-01T00:00:00Z' });
      await d.close();
    });
  });
}
