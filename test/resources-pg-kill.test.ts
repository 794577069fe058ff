// A PostgreSQL connection terminated while a multi-row write holds its transaction open. The
// kill lands mid-transaction deterministically: another connection holds a lock the write's
// next row needs, the test waits (bounded) until the write's backend is seen waiting on it,
// and only then terminates that backend. Nothing is timed by sleeping.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { type Row, type Store, api, createApp, resource, t } from '../src/index.ts';
import { postgresDb } from '../src/resources/postgres.ts';
import { sqlStore } from '../src/resources/sql-store.ts';
import { type Running, serve } from '../src/servers/node/index.ts';

/** The machine's PostgreSQL (trust auth); the tests fail, never skip, when it is down. */
const PG_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const Item = t.complex('Item', { id: t.integer(), name: t.string(), email: t.string(), age: t.nullable(t.integer()) }, { mandatory: ['name', 'email'] });

/** The backend blocked by `holder`'s locks, once it waits on them (polled, at most 10 s). */
async function blockedBy(observer: pg.Client, holder: number): Promise<number> {
  const until = Date.now() + 10_000;
  for (let i = 0; i < 2000 && Date.now() < until; i++) {
    const { rows } = await observer.query<{ pid: number }>('select pid from pg_stat_activity where $1 = any(pg_blocking_pids(pid))', [holder]);
    if (rows[0]) return rows[0].pid;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`no backend came to wait on ${holder}'s locks within 10 s`);
}

/** Terminates the backend that waits on `holder`'s locks, then lets `holder` go. */
async function killWaiter(observer: pg.Client, holder: pg.Client): Promise<void> {
  const holderPid = (await holder.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
  const victim = await blockedBy(observer, holderPid);
  const { rows } = await observer.query<{ ok: boolean }>('select pg_terminate_backend($1) as ok', [victim]);
  assert.equal(rows[0]!.ok, true);
}

describe('PostgreSQL: a connection killed mid-transaction in a multi-row write', () => {
  const db = postgresDb(PG_URL, 2);
  const table = `sb_killmany_${process.pid.toString(36)}${Date.now().toString(36)}`;
  let s: Store;
  let observer: pg.Client;
  let holder: pg.Client;
  const names = async () => (await s.find({ sort: [{ field: 'id' }] })).data.map((r) => `${r.name}:${r.age}`);

  before(async () => {
    s = await sqlStore(db, 'postgres', { schema: Item, table, name: 'item', unique: ['email'], ownsDb: false });
    observer = new pg.Client({ connectionString: PG_URL });
    holder = new pg.Client({ connectionString: PG_URL });
    await observer.connect();
    await holder.connect();
  });
  // The table is left, as the other PostgreSQL tests leave theirs: a store opening meanwhile
  // introspects every table, and one dropped under it fails that store's migration.
  after(async () => {
    await holder.end();
    await observer.end();
    await s.close();
    await db.destroy();
  });

  /** Runs a write that waits on the holder's lock, kills its backend there: it must fail with SB_STORE_UNAVAILABLE (503). */
  async function killedMidWrite(write: () => Promise<unknown>): Promise<void> {
    const outcome = write().then(
      () => undefined,
      (err: unknown) => err,
    );
    await killWaiter(observer, holder);
    await holder.query('rollback');
    const err = (await outcome) as { code?: string; status?: number } | undefined;
    assert.ok(err, 'the write failed');
    assert.equal(err.code, 'SB_STORE_UNAVAILABLE');
    assert.equal(err.status, 503);
  }

  it('createMany: none of its rows exist, those committed before stay, the error is SB_STORE_UNAVAILABLE, the pool recovers', async () => {
    await s.createMany([
      { name: 'c1', email: 'c1@x', age: 1 },
      { name: 'c2', email: 'c2@x', age: 2 },
    ]);
    // The holder's uncommitted row takes the unique email the write's 6th row wants: that insert waits.
    await holder.query('begin');
    await holder.query(`insert into "${table}" ("name", "email") values ('held', 'held@x')`);
    const rows: Row[] = Array.from({ length: 10 }, (_, i) => ({ name: `m${i}`, email: i === 5 ? 'held@x' : `m${i}@x`, age: null }));
    await killedMidWrite(() => s.createMany(rows));
    assert.deepEqual(await names(), ['c1:1', 'c2:2']);
    // The same store and pool, fresh connections: writes and reads go on.
    for (let i = 0; i < 4; i++) await s.create({ name: `after${i}`, email: `after${i}@x` });
    assert.equal((await s.find({})).total, 6);
    await s.removeMany({ name: { $in: ['after0', 'after1', 'after2', 'after3'] } });
  });

  it('patchMany and removeMany: no row changed or gone, SB_STORE_UNAVAILABLE, the pool recovers', async () => {
    await s.createMany(Array.from({ length: 6 }, (_, i) => ({ name: `p${i}`, email: `p${i}@x`, age: i })));
    const before = await names();
    for (const write of [() => s.patchMany({ age: 99 }, { name: { $ne: 'nobody' } }), () => s.removeMany({ name: { $ne: 'nobody' } })]) {
      // The holder locks one row in the middle: the statement changes the rows before it, then waits.
      await holder.query('begin');
      await holder.query(`select * from "${table}" where "name" = 'p3' for update`);
      await killedMidWrite(write);
      assert.deepEqual(await names(), before);
    }
    const patched = await s.patchMany({ age: 7 }, { name: 'p0' });
    assert.deepEqual(
      patched.map((r) => r.age),
      [7],
    );
  });

  it('over REST: a write whose connection dies answers 503 SB_STORE_UNAVAILABLE, and the next ones succeed', async () => {
    const app = createApp(api({ name: 'kill', version: 'v1', basePath: '/kill', controllers: { item: resource('item', { schema: Item, store: s }) } }));
    const running: Running = await serve(app, { port: 0, host: '127.0.0.1' });
    try {
      const row = await s.create({ name: 'rest', email: 'rest@x' });
      await holder.query('begin');
      await holder.query(`select * from "${table}" where "id" = $1 for update`, [row.id]);
      const put = fetch(`${running.url}/kill/items/${row.id}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'changed', email: 'rest@x' }),
      });
      await killWaiter(observer, holder);
      await holder.query('rollback');
      const r = await put;
      assert.equal(r.status, 503);
      assert.match(await r.text(), /SB_STORE_UNAVAILABLE|database connection was lost/);
      assert.equal((await s.get(row.id as number)).name, 'rest');
      const again = await fetch(`${running.url}/kill/items/${row.id}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'changed', email: 'rest@x' }),
      });
      assert.equal(again.status, 200);
      assert.equal(((await again.json()) as { name: string }).name, 'changed');
    } finally {
      await running.close();
    }
  });
});
