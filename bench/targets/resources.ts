// Issue 13's benchmark targets: the polls `question` resource over REST+JSON, either served by
// Switchboard (`switchboard`: resource() on the Kysely SQL store) or by a hand-written node:http
// route (`raw`) doing the same queries — a create is one transaction of insert … returning *
// and the store's change-log statements (the head update, the event insert and the trim: one
// CTE on PostgreSQL, three statements on SQLite), then select by key, count + one ordered page —
// with the same driver (better-sqlite3 or pg) set up the same way, prepared statements and a
// pool of 10.
// Arguments: `switchboard|raw sqlite|postgres`. Each target has a table (or file) of its own.
import { rmSync } from 'node:fs';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { pollsApp } from '../../examples/polls/app.ts';
import { createApp } from '../../src/index.ts';
import { serve } from '../../src/servers/node/index.ts';

export const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export default async function start(args: string[]): Promise<string> {
  const [impl, db] = args;
  const prefix = `bench_${impl}`;
  const file = join(tmpdir(), `sb-bench-${impl}-${process.pid}.sqlite`);
  if (db === 'postgres') {
    const pool = new pg.Pool({ connectionString: PG_URL, max: 1 });
    await pool.query(`drop table if exists ${prefix}_question, ${prefix}_user`);
    // The change log's tables are shared by the database's stores: only this target's logs go.
    for (const t of ['sb_changes', 'sb_change_heads']) await pool.query(`delete from ${t} where log like $1`, [`${prefix}\\_%`]).catch(() => {});
    await pool.end();
  } else {
    for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
    process.on('exit', () => {
      for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
    });
  }
  const database = db === 'postgres' ? PG_URL : file;
  if (impl === 'switchboard') {
    const polls = pollsApp({ database, prefix, redis: '' });
    await polls.ready();
    const running = await serve(createApp(polls.api), { port: 0, host: '127.0.0.1' });
    return running.url;
  }
  const queries = db === 'postgres' ? await pgQueries(database, `${prefix}_question`) : sqliteQueries(database, `${prefix}_question`);
  return rawServer(queries);
}

/** Events the change log keeps (the resource's default). */
const LOG_SIZE = 1000;

/** What the raw route asks its database: the same statements the SQL store sends. */
interface Queries {
  create(text: string, pubDate: string | null): Promise<Record<string, unknown>>;
  get(id: number): Promise<Record<string, unknown> | undefined>;
  page(limit: number, offset: number): Promise<{ count: number; rows: Record<string, unknown>[] }>;
}

function sqliteQueries(file: string, table: string): Queries {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.defaultSafeIntegers(true);
  db.exec(`create table if not exists "${table}" ("id" integer primary key autoincrement, "question_text" text, "pub_date" text)`);
  db.exec(`create table if not exists sb_change_heads (log text primary key, last integer not null)`);
  db.exec(
    `create table if not exists sb_changes (log text not null, id integer not null, action text not null, pk text not null, data text not null, previous text, primary key (log, id)) without rowid`,
  );
  const log = `${table}:question`;
  db.prepare(`insert into sb_change_heads (log, last) values (?, 0) on conflict do nothing`).run(log);
  const insert = db.prepare(`insert into "${table}" ("question_text", "pub_date") values (?, ?) returning *`);
  const head = db.prepare(`update sb_change_heads set last = last + ? where log = ? returning last`);
  const change = db.prepare(`insert into sb_changes (log, id, action, pk, data, previous) values (?, ?, ?, ?, ?, ?)`);
  const trim = db.prepare(`delete from sb_changes where log = ? and id <= ?`);
  const create = db.transaction((text: string, pubDate: string | null) => {
    const row = insert.get(text, pubDate) as Record<string, unknown>;
    const last = Number((head.get(1, log) as { last: bigint }).last);
    change.run(log, last, 'created', String(row.id), JSON.stringify(question(row)), null);
    if (last > LOG_SIZE) trim.run(log, last - LOG_SIZE);
    return row;
  });
  const one = db.prepare(`select * from "${table}" where "id" = ?`);
  const count = db.prepare(`select count(*) as "n" from "${table}"`);
  const page = db.prepare(`select * from "${table}" order by "id" asc limit ? offset ?`);
  return {
    create: async (text, pubDate) => create(text, pubDate),
    get: async (id) => one.get(id) as Record<string, unknown> | undefined,
    page: async (limit, offset) => ({ count: Number((count.get() as { n: bigint }).n), rows: page.all(limit, offset) as Record<string, unknown>[] }),
  };
}

async function pgQueries(url: string, table: string): Promise<Queries> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  pool.on('error', () => {});
  await pool.query(`create table if not exists "${table}" ("id" bigserial primary key, "question_text" text collate "C", "pub_date" text collate "C")`);
  await pool.query(`create table if not exists sb_change_heads (log text primary key, last int8 not null)`);
  await pool.query(
    `create table if not exists sb_changes (log text not null, id int8 not null, action text not null, pk text not null, data text not null, previous text, primary key (log, id))`,
  );
  const log = `${table}:question`;
  await pool.query(`insert into sb_change_heads (log, last) values ($1, 0) on conflict do nothing`, [log]);
  const append = `with h as (update sb_change_heads set last = last + $2 where log = $1 returning last),
i as (insert into sb_changes (log, id, action, pk, data, previous)
  select $1, h.last - $2 + c.n, c.action, c.pk, c.data, c.previous
  from h, unnest($3::int8[], $4::text[], $5::text[], $6::text[], $7::text[]) as c(n, action, pk, data, previous)),
d as (delete from sb_changes where log = $1 and id <= (select last from h) - $8)
select last from h`;
  return {
    async create(text, pubDate) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const row = (await client.query(`insert into "${table}" ("question_text", "pub_date") values ($1, $2) returning *`, [text, pubDate])).rows[0] as Record<
          string,
          unknown
        >;
        await client.query(append, [log, 1, [1], ['created'], [String(row.id)], [JSON.stringify(question(row))], [null], LOG_SIZE]);
        await client.query('commit');
        return row;
      } catch (err) {
        await client.query('rollback').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    get: async (id) => (await pool.query(`select * from "${table}" where "id" = $1`, [id])).rows[0] as Record<string, unknown> | undefined,
    async page(limit, offset) {
      const n = (await pool.query(`select count(*) as "n" from "${table}"`)).rows[0] as { n: string };
      const rows = (await pool.query(`select * from "${table}" order by "id" asc limit $1 offset $2`, [limit, offset])).rows;
      return { count: Number(n.n), rows: rows as Record<string, unknown>[] };
    },
  };
}

/** A row as the resource answers it: the key a number, an unset (NULL) field left out. */
function question(r: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { id: Number(r.id), question_text: r.question_text };
  if (r.pub_date !== null) out.pub_date = r.pub_date;
  return out;
}

async function rawServer(q: Queries): Promise<string> {
  const json = (res: ServerResponse, status: number, body: string, extra: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...extra });
    res.end(body);
  };
  const fault = (res: ServerResponse, status: number, text: string) => json(res, status, JSON.stringify({ faultcode: 'Client', faultstring: text }));
  const readBody = (req: IncomingMessage) =>
    new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks).toString()));
      req.on('error', reject);
    });
  const int = (v: string | null, dflt: number) => (v === null ? dflt : /^\d+$/.test(v) ? Number(v) : Number.NaN);
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const m = /^\/polls\/questions(?:\/(\d+))?$/.exec(url.pathname);
    if (!m) return fault(res, 404, 'Not found');
    if (m[1] === undefined && req.method === 'POST') {
      let body: { question_text?: unknown; pub_date?: unknown };
      try {
        body = JSON.parse(await readBody(req)) as typeof body;
      } catch {
        return fault(res, 400, 'Unparsable body');
      }
      // The checks the schema makes: an object, a mandatory string of at most 200, an optional date-time.
      if (typeof body !== 'object' || body === null || typeof body.question_text !== 'string' || body.question_text.length > 200)
        return fault(res, 400, 'Invalid question_text');
      if (body.pub_date !== undefined && (typeof body.pub_date !== 'string' || Number.isNaN(Date.parse(body.pub_date))))
        return fault(res, 400, 'Invalid pub_date');
      const row = question(await q.create(body.question_text, (body.pub_date as string | undefined) ?? null));
      return json(res, 201, JSON.stringify(row), { location: `/polls/questions/${row.id}` });
    }
    if (m[1] !== undefined && req.method === 'GET') {
      const row = await q.get(Number(m[1]));
      return row ? json(res, 200, JSON.stringify(question(row))) : fault(res, 404, 'Not found');
    }
    if (m[1] === undefined && req.method === 'GET') {
      const limit = Math.min(int(url.searchParams.get('limit'), 20), 100);
      const offset = int(url.searchParams.get('offset'), 0);
      if (Number.isNaN(limit) || Number.isNaN(offset)) return fault(res, 400, 'Invalid paging');
      const p = await q.page(limit, offset);
      return json(res, 200, JSON.stringify({ count: p.count, results: p.rows.map(question), limit, offset }));
    }
    return fault(res, 405, 'Method not allowed');
  };
  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) fault(res, 500, 'Server error');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
