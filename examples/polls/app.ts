/**
 * The Channels API seed's polls, as resources: `Question` (REST at `/polls/questions`) and
 * `User` (`/polls/users`, with the seed's `invite` custom method), on SQLite by default
 * (`./data/polls.sqlite`, created on first start); `DATABASE_URL=postgres://…` switches the
 * store to PostgreSQL and `REDIS_URL` the bus to Redis.
 */
import { type ChangeBus, type Store, api, memoryBus, method, resource, t } from '../../src/index.ts';
import { postgresDb } from '../../src/resources/postgres.ts';
import { redisBus } from '../../src/resources/redis-bus.ts';
import { sqlStore } from '../../src/resources/sql-store.ts';
import { sqliteDb } from '../../src/resources/sqlite.ts';

export const Question = t.complex(
  'Question',
  { id: t.integer(), question_text: t.string({ maxLength: 200 }), pub_date: t.datetime() },
  { mandatory: ['question_text'] },
);

export const User = t.complex('User', { id: t.integer(), email: t.string(), name: t.string() }, { mandatory: ['email'] });

export interface PollsOptions {
  /** `:memory:`, a SQLite file, or a `postgres://` URL (default: `DATABASE_URL`, else `./data/polls.sqlite`). */
  database?: string;
  /** A `redis://` URL for the bus (default: `REDIS_URL`, else the in-process bus). */
  redis?: string;
  /** Table and bus-key prefix (default `polls`), so several apps can share one database. */
  prefix?: string;
}

/** The polls API with its stores and bus; `close()` releases them. */
export function pollsApp(o: PollsOptions = {}) {
  const database = o.database ?? process.env.DATABASE_URL ?? './data/polls.sqlite';
  const prefix = o.prefix ?? 'polls';
  const pg = /^postgres(ql)?:\/\//.test(database);
  const db = pg ? postgresDb(database) : sqliteDb(database);
  const redis = o.redis ?? process.env.REDIS_URL;
  const bus: ChangeBus = redis ? redisBus({ url: redis, prefix }) : memoryBus();
  const dialect = pg ? 'postgres' : 'sqlite';
  const questions: Promise<Store> = sqlStore(db, dialect, { schema: Question, table: `${prefix}_question`, name: 'question', ownsDb: false });
  const users: Promise<Store> = sqlStore(db, dialect, { schema: User, table: `${prefix}_user`, name: 'user', unique: ['email'], ownsDb: false });
  const polls = api({
    name: 'polls',
    version: 'v1',
    basePath: '/polls',
    doc: 'The Channels API seed: questions and users, over every protocol.',
    controllers: {
      question: resource('question', { schema: Question, store: questions, bus }),
      user: resource('user', {
        schema: User,
        store: users,
        bus,
        methods: {
          // The seed's `user.invite`: it answers with the content it was given.
          invite: method({ args: { email: t.string(), name: t.optional(t.string()) }, returns: t.dict(t.string()) }, ({ email, name }) => {
            const content: Record<string, string> = { email };
            if (name !== undefined) content.name = name;
            return content;
          }),
        },
      }),
    },
  });
  return {
    api: polls,
    bus,
    ready: () => Promise.all([questions, users]),
    async close() {
      await Promise.allSettled([questions, users]);
      await bus.close();
      await db.destroy();
    },
  };
}
