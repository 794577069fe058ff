/**
 * The SQL store's change log, in two tables shared by every store of a database:
 * `sb_change_heads (log PK, last)` — the newest id of each log — and
 * `sb_changes (log, id, action, pk, data, previous, PK (log, id))` — the events, rows as JSON
 * text (`bus-codec.ts`, so an int64 or bytes come back as they were). A log is named
 * `<table>:<topic>`, so apps sharing a database (table prefixes) do not mix their events.
 *
 * `append` runs inside the write's transaction: `UPDATE sb_change_heads SET last = last + n …
 * RETURNING last` takes the head row's lock until commit, so the writes of one log commit in id
 * order (id N committed means every id below N did), and a write that rolls back gives back its
 * ids. It keeps the log bounded: ids ≤ last − size are deleted (a range of the primary key). On
 * PostgreSQL the head update, the inserts and the trim are one statement (one round trip).
 */
import { CompiledQuery, type Kysely, sql } from 'kysely';
import { decodeEvent, encodeEvent } from './bus-codec.ts';
import { type Change, type ChangeEvent, eventOf } from './bus.ts';
import { type ChangeLog, type CommitListener, DEFAULT_CHANGE_LOG_SIZE, type LogSlice, type LogTopicOptions, type StoreChanges } from './change-log.ts';
import type { Dialect } from './sql-columns.ts';
import type { Db } from './sql-filter.ts';
import type { Statements } from './sql-statements.ts';
import type { Id } from './store.ts';

const HEADS = 'sb_change_heads';
const CHANGES = 'sb_changes';

const APPEND_PG = `with h as (update ${HEADS} set last = last + $2 where log = $1 returning last),
i as (insert into ${CHANGES} (log, id, action, pk, data, previous)
  select $1, h.last - $2 + c.n, c.action, c.pk, c.data, c.previous
  from h, unnest($3::int8[], $4::text[], $5::text[], $6::text[], $7::text[]) as c(n, action, pk, data, previous)),
d as (delete from ${CHANGES} where log = $1 and id <= (select last from h) - $8)
select last from h`;

/** A statement compiled once; `with` gives it a call's parameters (no new query node or id per call). */
class RawStatement {
  private readonly base: CompiledQuery;
  constructor(text: string) {
    this.base = CompiledQuery.raw(text);
  }
  with(parameters: readonly unknown[]): CompiledQuery {
    const b = this.base;
    return { query: b.query, queryId: b.queryId, sql: b.sql, parameters };
  }
}

const APPEND_PG_Q = new RawStatement(APPEND_PG);
const HEAD_SQLITE = new RawStatement(`update ${HEADS} set last = last + ? where log = ? returning last`);
const INSERT_SQLITE = new RawStatement(`insert into ${CHANGES} (log, id, action, pk, data, previous) values (?, ?, ?, ?, ?, ?)`);
const TRIM_SQLITE = new RawStatement(`delete from ${CHANGES} where log = ? and id <= ?`);

export class SqlChangeLog implements StoreChanges, ChangeLog {
  private name: string | undefined;
  private log = '';
  private size = DEFAULT_CHANGE_LOG_SIZE;
  private readonly listeners: CommitListener[] = [];
  private ready: Promise<void> | undefined;

  constructor(
    private readonly db: Kysely<Db>,
    private readonly d: Dialect,
    private readonly table: string,
  ) {}

  /** Whether writes are logged. */
  get enabled(): boolean {
    return this.name !== undefined;
  }

  async topic(name: string, o: LogTopicOptions = {}): Promise<ChangeLog> {
    if (this.name !== undefined && this.name !== name) throw new TypeError(`the store of ${this.table} logs the topic ${this.name}, not ${name}`);
    if (o.committed) this.listeners.push(o.committed);
    if (this.name === undefined) {
      const size = o.size ?? DEFAULT_CHANGE_LOG_SIZE;
      if (!(size >= 1)) throw new TypeError('a change log keeps one event at least');
      this.size = size;
      this.log = `${this.table}:${name}`;
      this.ready = this.prepare();
      this.name = name;
    }
    await this.ready;
    return this;
  }

  /** Creates the tables (once per database) and this log's head row. */
  private async prepare(): Promise<void> {
    const big = this.d === 'postgres' ? 'int8' : 'integer';
    const steps = [
      `create table if not exists ${HEADS} (log text primary key, last ${big} not null)`,
      // SQLite: the primary key is the table (one b-tree to write, not a rowid table and its index).
      `create table if not exists ${CHANGES} (log text not null, id ${big} not null, action text not null, pk text not null, data text not null, previous text, primary key (log, id))${this.d === 'sqlite' ? ' without rowid' : ''}`,
    ];
    for (const text of steps) {
      try {
        await this.db.executeQuery(CompiledQuery.raw(text));
      } catch (err) {
        // Two processes creating the table at once: PostgreSQL reports the loser's duplicate type; the table is there.
        if (!['23505', '42P07'].includes(String((err as { code?: unknown }).code))) throw err;
      }
    }
    await sql`insert into ${sql.table(HEADS)} (log, last) values (${this.log}, 0) on conflict do nothing`.execute(this.db);
  }

  /** The statements that log a write's changes, inside its transaction; they end in the events (to hand out after commit). */
  *append(changes: readonly Change[]): Statements<ChangeEvent[]> {
    const n = changes.length;
    const topic = this.name!;
    const encode = this.plain ? JSON.stringify : encodeEvent;
    let last: number;
    if (this.d === 'postgres') {
      const nums = changes.map((_, i) => i + 1);
      const actions = changes.map((c) => c.action);
      const pks = changes.map((c) => String(c.pk));
      const data = changes.map((c) => encode(c.data));
      const previous = changes.map((c) => (c.previous === undefined ? null : encode(c.previous)));
      const head = (yield APPEND_PG_Q.with([this.log, n, nums, actions, pks, data, previous, this.size]))[0];
      if (!head) throw new Error(`the change log ${this.log} has no head row`);
      last = Number(head.last);
    } else {
      const head = (yield HEAD_SQLITE.with([n, this.log]))[0];
      if (!head) throw new Error(`the change log ${this.log} has no head row`);
      last = Number(head.last);
      for (let i = 0; i < n; i++) {
        const c = changes[i]!;
        const prev = c.previous === undefined ? null : encode(c.previous);
        yield INSERT_SQLITE.with([this.log, last - n + 1 + i, c.action, String(c.pk), encode(c.data), prev]);
      }
      if (last > this.size) yield TRIM_SQLITE.with([this.log, last - this.size]);
    }
    return changes.map((c, i) => eventOf(c, last - n + 1 + i, topic));
  }

  /** Hands a committed write's events to the listeners. */
  committed(events: readonly ChangeEvent[]): void {
    if (events.length === 0) return;
    for (const l of this.listeners) {
      try {
        l(events);
      } catch {
        // A listener's failure is its own: the write stands.
      }
    }
  }

  async head(topic: string): Promise<number> {
    if (topic !== this.name) return 0;
    const p = this.d === 'postgres' ? '$1' : '?';
    const r = await this.db.executeQuery<{ last: unknown }>(CompiledQuery.raw(`select last from ${HEADS} where log = ${p}`, [this.log]));
    return Number(r.rows[0]?.last ?? 0);
  }

  async read(topic: string, after: number, limit: number): Promise<LogSlice> {
    if (topic !== this.name) return { events: [], start: 1, head: 0 };
    const pg = this.d === 'postgres';
    const stats = await this.db.executeQuery<{ last: unknown; start: unknown }>(
      CompiledQuery.raw(
        pg
          ? `select last, (select min(id) from ${CHANGES} where log = $1) as start from ${HEADS} where log = $1`
          : `select last, (select min(id) from ${CHANGES} where log = ?) as start from ${HEADS} where log = ?`,
        pg ? [this.log] : [this.log, this.log],
      ),
    );
    const head = Number(stats.rows[0]?.last ?? 0);
    const oldest = stats.rows[0]?.start;
    const start = oldest === null || oldest === undefined ? head + 1 : Number(oldest);
    const rows = await this.db.executeQuery<{ id: unknown; action: Change['action']; data: string; previous: string | null }>(
      CompiledQuery.raw(
        pg
          ? `select id, action, data, previous from ${CHANGES} where log = $1 and id > $2 order by id limit $3`
          : `select id, action, data, previous from ${CHANGES} where log = ? and id > ? order by id limit ?`,
        [this.log, after, limit],
      ),
    );
    const events = rows.rows.map((r) => this.event(topic, r));
    return { events, start, head: Math.max(head, events.at(-1)?.id ?? 0) };
  }

  private event(topic: string, r: { id: unknown; action: Change['action']; data: string; previous: string | null }): ChangeEvent {
    const data = decodeEvent(r.data) as Record<string, unknown>;
    const key = this.key;
    const base = { action: r.action, pk: data[key] as Id, data, id: Number(r.id), topic };
    return Object.freeze(r.previous === null ? base : { ...base, previous: decodeEvent(r.previous) as Record<string, unknown> });
  }

  /** The key field, set by the store (a change's pk is its row's key). */
  key = 'id';
  /** Rows hold no bigint or bytes (set by the store): plain JSON text, no tagging replacer (measured: half the cost). */
  plain = false;
}
