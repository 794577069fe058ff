/**
 * The store conformance suite, modelled on `@feathersjs/adapter-tests`: every store runs it
 * (`memory.test.ts`, `sqlite.test.ts`, `postgres.test.ts`) and must pass every case. A factory
 * makes a fresh store for each case, on a table of its own.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type TSchema, t } from '../schema/index.ts';
import { compare, matches } from './query.ts';
import type { Filter, FindQuery, Row, Store } from './store.ts';

/** What a case asks of the store under test. */
export interface StoreSpec {
  schema: TSchema;
  /** A table name no other case (or test run) uses. */
  table: string;
  name: string;
  key?: string;
  version?: string;
  unique?: readonly string[];
}

export type StoreFactory = (spec: StoreSpec) => Promise<Store>;

export const Person = t.complex(
  'Person',
  {
    id: t.integer(),
    name: t.string(),
    age: t.nullable(t.integer()),
    email: t.string(),
    created: t.boolean(),
    score: t.number(),
    big: t.int64(),
    born: t.datetime(),
    day: t.date(),
    price: t.decimal(),
    tags: t.array(t.string()),
    meta: t.dict(t.any()),
    photo: t.binary(),
    status: t.enum(['new', 'old'] as const),
    version: t.integer(),
  },
  { mandatory: ['name'] },
);

const Tag = t.complex('Tag', { code: t.string(), label: t.string() }, { mandatory: ['label'] });

let seq = 0;
const runId = `${process.pid.toString(36)}${Date.now().toString(36)}`;

/** Runs the whole suite against `factory`, under `describe(title)`. */
export function storeConformance(title: string, factory: StoreFactory): void {
  const fresh = (o: Partial<StoreSpec> = {}) =>
    factory({ schema: Person, name: 'person', table: `sb_people_${runId}_${++seq}`, version: 'version', unique: ['email'], ...o });

  /** A store with Doug (32), Bob (25), Alice (19): Feathers' three people. */
  async function people(): Promise<{ s: Store; doug: Row; bob: Row; alice: Row }> {
    const s = await fresh();
    const doug = await s.create({ name: 'Doug', age: 32 });
    const bob = await s.create({ name: 'Bob', age: 25 });
    const alice = await s.create({ name: 'Alice', age: 19 });
    return { s, doug, bob, alice };
  }

  const names = (rows: readonly Row[]) => rows.map((r) => r.name);
  const code = (c: string, status: number) => (err: unknown) => {
    const e = err as { code?: string; status?: number };
    assert.equal(e.code, c, String(err));
    assert.equal(e.status, status);
    return true;
  };

  describe(`store conformance: ${title}`, () => {
    describe('ids', () => {
      it('integer keys count up from 1, and a given key is kept', async () => {
        const s = await fresh();
        try {
          const a = await s.create({ name: 'A' });
          const b = await s.create({ name: 'B' });
          assert.equal(a.id, 1);
          assert.equal(b.id, 2);
          const c = await s.create({ id: 10, name: 'C' });
          assert.equal(c.id, 10);
          assert.equal(s.key, 'id');
        } finally {
          await s.close();
        }
      });

      it('a key that exists is a conflict (409)', async () => {
        const s = await fresh();
        try {
          await s.create({ id: 5, name: 'A' });
          await assert.rejects(s.create({ id: 5, name: 'B' }), code('SB_CONFLICT', 409));
        } finally {
          await s.close();
        }
      });

      it('string keys: generated (a UUID) when not given', async () => {
        const s = await fresh({ schema: Tag, key: 'code', version: undefined, unique: [], name: 'tag' });
        try {
          const a = await s.create({ label: 'x' });
          assert.match(String(a.code), /^[0-9a-f-]{36}$/);
          const b = await s.create({ code: 'red', label: 'Red' });
          assert.deepEqual(await s.get('red'), b);
          assert.deepEqual(await s.get(String(a.code)), a);
        } finally {
          await s.close();
        }
      });
    });

    describe('get', () => {
      it('.get', async () => {
        const { s, doug } = await people();
        try {
          assert.deepEqual(await s.get(doug.id as number), doug);
          assert.deepEqual(doug, { id: 1, name: 'Doug', age: 32, version: 1 });
        } finally {
          await s.close();
        }
      });

      it('.get + NotFound (and an id of the wrong kind)', async () => {
        const { s } = await people();
        try {
          await assert.rejects(s.get(99), code('SB_RECORD_NOT_FOUND', 404));
          await assert.rejects(s.get('nope'), code('SB_RECORD_NOT_FOUND', 404));
        } finally {
          await s.close();
        }
      });

      it('.get + id + query: a record outside the scope is not found', async () => {
        const { s, doug } = await people();
        try {
          assert.equal((await s.get(doug.id as number, { where: { age: { $gt: 30 } } })).name, 'Doug');
          await assert.rejects(s.get(doug.id as number, { where: { name: 'Bob' } }), code('SB_RECORD_NOT_FOUND', 404));
        } finally {
          await s.close();
        }
      });
    });

    describe('find: query syntax', () => {
      const cases: [string, Filter, string[]][] = [
        ['.find + equal', { name: 'Alice' }, ['Alice']],
        ['.find + equal multiple', { name: 'Alice', age: 20 }, []],
        ['.find + $in', { name: { $in: ['Alice', 'Bob'] } }, ['Bob', 'Alice']],
        ['.find + $in (empty)', { name: { $in: [] } }, []],
        ['.find + $nin', { name: { $nin: ['Alice', 'Bob'] } }, ['Doug']],
        ['.find + $lt', { age: { $lt: 30 } }, ['Bob', 'Alice']],
        ['.find + $lte', { age: { $lte: 25 } }, ['Bob', 'Alice']],
        ['.find + $gt', { age: { $gt: 30 } }, ['Doug']],
        ['.find + $gte', { age: { $gte: 25 } }, ['Doug', 'Bob']],
        ['.find + $ne', { name: { $ne: 'Alice' } }, ['Doug', 'Bob']],
        ['.find + $gt + $lt', { age: { $gt: 18, $lt: 30 } }, ['Bob', 'Alice']],
        ['.find + $or', { $or: [{ name: 'Alice' }, { name: 'Bob' }] }, ['Bob', 'Alice']],
        ['.find + $or (empty)', { $or: [] }, []],
        ['.find + $or nested', { $or: [{ name: 'Doug' }, { age: { $gte: 18, $lt: 25 } }] }, ['Doug', 'Alice']],
        ['.find + $and', { $and: [{ age: { $gt: 18 } }, { age: { $lt: 30 } }] }, ['Bob', 'Alice']],
        ['.find + $and + $or', { $and: [{ $or: [{ name: 'Alice' }, { name: 'Doug' }] }, { age: { $lt: 30 } }] }, ['Alice']],
      ];
      for (const [title, where, expected] of cases) {
        it(title, async () => {
          const { s } = await people();
          try {
            const page = await s.find({ where });
            assert.deepEqual(names(page.data), expected);
            assert.equal(page.total, expected.length);
          } finally {
            await s.close();
          }
        });
      }

      it('null: equality with null, $ne and $nin hold for null fields, comparisons never do', async () => {
        const { s } = await people();
        try {
          await s.create({ name: 'Nobody', age: null });
          await s.create({ name: 'Unset' });
          assert.deepEqual(names((await s.find({ where: { age: null } })).data), ['Nobody', 'Unset']);
          assert.deepEqual(names((await s.find({ where: { age: { $ne: 32 } } })).data), ['Bob', 'Alice', 'Nobody', 'Unset']);
          assert.deepEqual(names((await s.find({ where: { age: { $nin: [32, 25] } } })).data), ['Alice', 'Nobody', 'Unset']);
          assert.deepEqual(names((await s.find({ where: { age: { $in: [19, null] } } })).data), ['Alice', 'Nobody', 'Unset']);
          assert.deepEqual(names((await s.find({ where: { age: { $lt: 100 } } })).data), ['Doug', 'Bob', 'Alice']);
          assert.deepEqual(names((await s.find({ where: { age: { $ne: null } } })).data), ['Doug', 'Bob', 'Alice']);
        } finally {
          await s.close();
        }
      });

      it('.find + $sort (numbers, strings, descending, several keys; the key breaks ties)', async () => {
        const { s } = await people();
        try {
          assert.deepEqual(names((await s.find({ sort: [{ field: 'age' }] })).data), ['Alice', 'Bob', 'Doug']);
          assert.deepEqual(names((await s.find({ sort: [{ field: 'age', desc: true }] })).data), ['Doug', 'Bob', 'Alice']);
          assert.deepEqual(names((await s.find({ sort: [{ field: 'name' }] })).data), ['Alice', 'Bob', 'Doug']);
          await s.create({ name: 'bob', age: 25 });
          await s.create({ name: 'Zed', age: null });
          // Code-point order: upper case before lower case; null first ascending, last descending.
          assert.deepEqual(names((await s.find({ sort: [{ field: 'name' }] })).data), ['Alice', 'Bob', 'Doug', 'Zed', 'bob']);
          assert.deepEqual(names((await s.find({ sort: [{ field: 'age' }] })).data), ['Zed', 'Alice', 'Bob', 'bob', 'Doug']);
          assert.deepEqual(
            names(
              (
                await s.find({
                  sort: [
                    { field: 'age', desc: true },
                    { field: 'name', desc: true },
                  ],
                })
              ).data,
            ),
            ['Doug', 'bob', 'Bob', 'Alice', 'Zed'],
          );
        } finally {
          await s.close();
        }
      });

      it('.find + $limit, $limit 0, $skip, $limit + $skip (the total is of all matches)', async () => {
        const { s } = await people();
        try {
          const sort = [{ field: 'name' }];
          const two = await s.find({ sort, limit: 2 });
          assert.deepEqual([names(two.data), two.total, two.limit, two.skip], [['Alice', 'Bob'], 3, 2, 0]);
          const none = await s.find({ limit: 0 });
          assert.deepEqual([none.data, none.total], [[], 3]);
          const skip = await s.find({ sort, skip: 1 });
          assert.deepEqual([names(skip.data), skip.total], [['Bob', 'Doug'], 3]);
          const page = await s.find({ sort, skip: 1, limit: 1, where: { age: { $lt: 40 } } });
          assert.deepEqual([names(page.data), page.total], [['Bob'], 3]);
          const past = await s.find({ skip: 5 });
          assert.deepEqual([past.data, past.total], [[], 3]);
        } finally {
          await s.close();
        }
      });

      it('a query on what is not declared, or with a wrong value, is refused (400), never run', async () => {
        const { s } = await people();
        try {
          const refused = code('SB_BAD_QUERY', 400);
          await assert.rejects(s.find({ where: { colour: 'red' } }), refused);
          await assert.rejects(s.find({ where: { age: { $regex: '.*' } as Filter[string] } }), refused);
          await assert.rejects(s.find({ where: { age: 'old' } }), refused);
          await assert.rejects(s.find({ where: { age: { $in: 3 } as unknown as Filter[string] } }), refused);
          await assert.rejects(s.find({ where: { tags: 'x' } }), refused);
          await assert.rejects(s.find({ where: { "name'; drop table x; --": 'x' } }), refused);
          await assert.rejects(s.find({ sort: [{ field: 'colour' }] }), refused);
          await assert.rejects(s.find({ limit: -1 }), refused);
          await assert.rejects(s.find({ skip: 1.5 }), refused);
          await assert.rejects(s.find({ where: { $or: { name: 'x' } as unknown as Filter[] } }), refused);
          await assert.rejects(s.get(1, { where: { colour: 1 } }), refused);
          assert.equal((await s.find()).total, 3);
        } finally {
          await s.close();
        }
      });
    });

    describe('create', () => {
      it('.create: what is unset stays unset; null stays null; a nullable field unset reads null', async () => {
        const s = await fresh();
        try {
          const a = await s.create({ name: 'A', age: null });
          assert.deepEqual(a, { id: 1, name: 'A', age: null, version: 1 });
          assert.deepEqual(await s.get(1), a);
          assert.deepEqual(await s.create({ name: 'B' }), { id: 2, name: 'B', age: null, version: 1 });
        } finally {
          await s.close();
        }
      });

      it('.create multi: all rows, in order', async () => {
        const s = await fresh();
        try {
          const rows = await s.createMany([{ name: 'A' }, { name: 'B', age: 3 }]);
          assert.deepEqual(names(rows), ['A', 'B']);
          assert.equal((await s.find()).total, 2);
          assert.deepEqual(await s.createMany([]), []);
        } finally {
          await s.close();
        }
      });

      it('bad data: unknown fields, wrong kinds, a mandatory field missing (400, each field listed)', async () => {
        const s = await fresh();
        try {
          await assert.rejects(s.create({ name: 'A', colour: 'red' }), (err: { code: string; fields: { path: string }[] }) => {
            assert.equal(err.code, 'SB_INVALID_INPUT');
            assert.deepEqual(
              err.fields.map((f) => f.path),
              ['colour'],
            );
            return true;
          });
          await assert.rejects(s.create({ age: 'x', created: 1 }), (err: { code: string; fields: { path: string }[] }) => {
            assert.deepEqual(err.fields.map((f) => f.path).sort(), ['age', 'created', 'name']);
            return true;
          });
          await assert.rejects(s.create({ name: null }), code('SB_INVALID_INPUT', 400));
          assert.equal((await s.find()).total, 0);
        } finally {
          await s.close();
        }
      });

      it('no half-writes: a batch with one bad row creates none', async () => {
        const s = await fresh();
        try {
          await s.create({ name: 'A', email: 'a@x' });
          await assert.rejects(
            s.createMany([
              { name: 'B', email: 'b@x' },
              { name: 'C', email: 'a@x' },
            ]),
            code('SB_CONFLICT', 409),
          );
          await assert.rejects(
            s.createMany([
              { name: 'D', email: 'd@x' },
              { name: 'E', email: 'd@x' },
            ]),
            code('SB_CONFLICT', 409),
          );
          await assert.rejects(s.createMany([{ name: 'F' }, { age: 1 }]), code('SB_INVALID_INPUT', 400));
          assert.deepEqual(names((await s.find()).data), ['A']);
        } finally {
          await s.close();
        }
      });
    });

    describe('update', () => {
      it('.update replaces the record: fields not given are unset (null, for a nullable one)', async () => {
        const { s, doug } = await people();
        try {
          const u = await s.update(doug.id as number, { name: 'Dougler', email: 'd@x' });
          assert.deepEqual(u, { id: doug.id, name: 'Dougler', age: null, email: 'd@x', version: 2 });
          assert.deepEqual(await s.get(doug.id as number), u);
        } finally {
          await s.close();
        }
      });

      it('.update + NotFound, + query NotFound, a mandatory field missing', async () => {
        const { s, doug } = await people();
        try {
          await assert.rejects(s.update(99, { name: 'X' }), code('SB_RECORD_NOT_FOUND', 404));
          await assert.rejects(s.update(doug.id as number, { name: 'X' }, { where: { name: 'Bob' } }), code('SB_RECORD_NOT_FOUND', 404));
          await assert.rejects(s.update(doug.id as number, { age: 3 }), code('SB_INVALID_INPUT', 400));
          assert.deepEqual(await s.get(doug.id as number), doug);
        } finally {
          await s.close();
        }
      });
    });

    describe('patch', () => {
      it('.patch changes what it names; the key is not changed', async () => {
        const { s, doug } = await people();
        try {
          const p = await s.patch(doug.id as number, { age: 33, id: 77 });
          assert.deepEqual(p, { ...doug, age: 33, version: 2 });
          await assert.rejects(s.get(77), code('SB_RECORD_NOT_FOUND', 404));
        } finally {
          await s.close();
        }
      });

      it('.patch + NotFound, + query NotFound', async () => {
        const { s, doug } = await people();
        try {
          await assert.rejects(s.patch(99, { age: 1 }), code('SB_RECORD_NOT_FOUND', 404));
          await assert.rejects(s.patch(doug.id as number, { age: 1 }, { where: { age: { $lt: 30 } } }), code('SB_RECORD_NOT_FOUND', 404));
          assert.deepEqual(await s.get(doug.id as number), doug);
        } finally {
          await s.close();
        }
      });

      it('.patch multiple (query same, query changed): the changed rows as they are now', async () => {
        const { s } = await people();
        try {
          const changed = await s.patchMany({ age: 20 }, { age: { $lt: 30 } });
          assert.deepEqual(
            changed.map((r) => [r.name, r.age, r.version]),
            [
              ['Bob', 20, 2],
              ['Alice', 20, 2],
            ],
          );
          const renamed = await s.patchMany({ name: 'Same' }, { name: { $in: ['Bob', 'Alice'] } });
          assert.deepEqual(names(renamed), ['Same', 'Same']);
          assert.deepEqual(names((await s.find({ sort: [{ field: 'id' }] })).data), ['Doug', 'Same', 'Same']);
          assert.deepEqual(await s.patchMany({ age: 1 }, { name: 'Nobody' }), []);
        } finally {
          await s.close();
        }
      });
    });

    describe('remove', () => {
      it('.remove returns the record as it was', async () => {
        const { s, doug } = await people();
        try {
          assert.deepEqual(await s.remove(doug.id as number), doug);
          await assert.rejects(s.get(doug.id as number), code('SB_RECORD_NOT_FOUND', 404));
          assert.equal((await s.find()).total, 2);
        } finally {
          await s.close();
        }
      });

      it('.remove + NotFound, + query NotFound', async () => {
        const { s, doug } = await people();
        try {
          await assert.rejects(s.remove(99), code('SB_RECORD_NOT_FOUND', 404));
          await assert.rejects(s.remove(doug.id as number, { where: { name: 'Bob' } }), code('SB_RECORD_NOT_FOUND', 404));
          assert.equal((await s.find()).total, 3);
        } finally {
          await s.close();
        }
      });

      it('.remove + multi: every match, in one go', async () => {
        const { s } = await people();
        try {
          assert.deepEqual(names(await s.removeMany({ age: { $lt: 30 } })), ['Bob', 'Alice']);
          assert.deepEqual(names((await s.find()).data), ['Doug']);
          assert.deepEqual(names(await s.removeMany({})), ['Doug']);
          assert.equal((await s.find()).total, 0);
        } finally {
          await s.close();
        }
      });
    });

    describe('unique fields and versions', () => {
      it('a unique value taken is a conflict (409) on create, patch and update', async () => {
        const s = await fresh();
        try {
          await s.create({ name: 'A', email: 'a@x' });
          const b = await s.create({ name: 'B', email: 'b@x' });
          await assert.rejects(s.create({ name: 'C', email: 'a@x' }), code('SB_CONFLICT', 409));
          await assert.rejects(s.patch(b.id as number, { email: 'a@x' }), code('SB_CONFLICT', 409));
          await assert.rejects(s.update(b.id as number, { name: 'B', email: 'a@x' }), code('SB_CONFLICT', 409));
          await assert.rejects(s.patchMany({ email: 'z@x' }, {}), code('SB_CONFLICT', 409));
          assert.deepEqual(await s.get(b.id as number), b);
          // Unset is no value: many records may lack one.
          await s.create({ name: 'D' });
          await s.create({ name: 'E' });
        } finally {
          await s.close();
        }
      });

      it('optimistic versions: a write names the version it read; a stale one is refused (412)', async () => {
        const { s, doug } = await people();
        try {
          const id = doug.id as number;
          const p = await s.patch(id, { age: 40 }, { ifVersion: 1 });
          assert.equal(p.version, 2);
          await assert.rejects(s.patch(id, { age: 41 }, { ifVersion: 1 }), code('SB_PRECONDITION_FAILED', 412));
          await assert.rejects(s.update(id, { name: 'X' }, { ifVersion: 1 }), code('SB_PRECONDITION_FAILED', 412));
          await assert.rejects(s.remove(id, { ifVersion: 1 }), code('SB_PRECONDITION_FAILED', 412));
          await assert.rejects(s.patch(99, { age: 41 }, { ifVersion: 1 }), code('SB_RECORD_NOT_FOUND', 404));
          assert.equal((await s.update(id, { name: 'X' }, { ifVersion: 2 })).version, 3);
          assert.equal((await s.remove(id, { ifVersion: 3 })).name, 'X');
        } finally {
          await s.close();
        }
      });
    });

    describe('types round-trip', () => {
      it('every kind of field reads back as it was written', async () => {
        const s = await fresh();
        try {
          const data = {
            name: 'Ünïcödé ✓ \u{1F600} \'quoted\' "double"',
            age: -7,
            email: 'e@x',
            created: false,
            score: 2.718281828459045e-300,
            big: 9007199254740993n,
            born: '2024-02-29T23:59:59.123+02:00',
            day: '2024-02-29',
            price: '12345678901234567890.000001',
            tags: ['a', 'b', ''],
            meta: { nested: { list: [1, 'two', null, true] }, empty: {} },
            photo: new Uint8Array([0, 1, 2, 253, 254, 255]),
            status: 'old',
          };
          const a = await s.create(data);
          const expected = { id: 1, ...data, version: 1 };
          assert.deepStrictEqual(a, expected);
          assert.deepStrictEqual(await s.get(1), expected);
          assert.deepStrictEqual((await s.find({ where: { big: 9007199254740993n, created: false } })).data, [expected]);
          const t2 = await s.patch(1, { created: true, big: -9223372036854775808n, score: -0.5 });
          assert.deepStrictEqual([t2.created, t2.big, t2.score], [true, -9223372036854775808n, -0.5]);
        } finally {
          await s.close();
        }
      });
    });

    describe('concurrency', () => {
      it('concurrent creates get distinct keys; concurrent patches of different records all land', async () => {
        const s = await fresh();
        try {
          const created = await Promise.all(Array.from({ length: 20 }, (_, i) => s.create({ name: `P${i}`, age: i })));
          assert.equal(new Set(created.map((r) => r.id)).size, 20);
          await Promise.all(created.map((r) => s.patch(r.id as number, { age: (r.age as number) + 100 })));
          const all = await s.find({ sort: [{ field: 'age' }] });
          assert.deepEqual(
            all.data.map((r) => r.age),
            Array.from({ length: 20 }, (_, i) => i + 100),
          );
        } finally {
          await s.close();
        }
      });

      it('concurrent writes naming one version: exactly one wins, the others are refused (412)', async () => {
        const s = await fresh();
        try {
          const a = await s.create({ name: 'A', age: 0 });
          const results = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => s.patch(a.id as number, { age: i + 1 }, { ifVersion: 1 })));
          const won = results.filter((r) => r.status === 'fulfilled');
          assert.equal(won.length, 1);
          for (const r of results) if (r.status === 'rejected') assert.equal((r.reason as { code: string }).code, 'SB_PRECONDITION_FAILED');
          const now = await s.get(a.id as number);
          assert.equal(now.version, 2);
          assert.equal(now.age, (won[0] as PromiseFulfilledResult<Row>).value.age);
        } finally {
          await s.close();
        }
      });
    });

    describe('one store, many queries of one shape', () => {
      // The SQL store compiles a query once per shape and swaps the values of later calls in:
      // each call of a shape must still answer for its own values.
      it('finds, gets and writes answer for their own values, call after call', async () => {
        const s = await fresh();
        try {
          const rows: Row[] = [];
          for (let i = 0; i < 12; i++) rows.push(await s.create({ name: `P${i}`, age: i % 4 === 3 ? null : i, status: i % 2 ? 'old' : 'new' }));
          const ids = (f: Filter, sort = 'id') =>
            rows
              .filter((r) => matches(r, f))
              .sort((a, b) => compare(a[sort], b[sort]) || compare(a.id, b.id))
              .map((r) => r.id);
          const found = async (f: Filter, extra: Partial<FindQuery> = {}) => (await s.find({ where: f, ...extra })).data.map((r) => r.id);
          for (const age of [0, 1, 2, 4, 100]) assert.deepEqual(await found({ age }), ids({ age }), `age = ${age}`);
          for (const age of [2, 5, 8]) assert.deepEqual(await found({ age: { $gte: age }, status: 'new' }), ids({ age: { $gte: age }, status: 'new' }));
          for (const list of [[1], [1, 2], [2, 5, 9], [4, null], [null]] as const)
            assert.deepEqual(await found({ age: { $in: list } }), ids({ age: { $in: list } }), `age in ${list}`);
          for (const name of ['P1', 'P2'])
            assert.deepEqual(await found({ $or: [{ name }, { age: { $lt: 2 } }] }), ids({ $or: [{ name }, { age: { $lt: 2 } }] }));
          for (const [limit, skip] of [
            [2, 0],
            [3, 1],
            [5, 4],
          ])
            assert.deepEqual(
              await found({}, { limit, skip, sort: [{ field: 'name', desc: true }] }),
              ids({}, 'name')
                .reverse()
                .slice(skip, skip + limit),
            );
          assert.equal((await s.find({ where: { status: 'old' }, limit: 0 })).total, 6);
          assert.equal((await s.find({ where: { status: 'new' }, limit: 0 })).total, 6);
          for (const r of rows.slice(0, 4)) assert.equal((await s.get(r.id as number, { where: { name: r.name as string } })).name, r.name);
          await assert.rejects(s.get(rows[0]!.id as number, { where: { name: 'P1' } }), { code: 'SB_RECORD_NOT_FOUND' });
          for (const r of rows.slice(0, 3)) assert.equal((await s.patch(r.id as number, { name: `Q${r.id}` }, { ifVersion: 1 })).name, `Q${r.id}`);
          await assert.rejects(s.patch(rows[0]!.id as number, { name: 'stale' }, { ifVersion: 1 }), { code: 'SB_PRECONDITION_FAILED' });
          for (const r of rows.slice(0, 3)) assert.equal((await s.remove(r.id as number, { where: { name: `Q${r.id}` } })).id, r.id);
          assert.equal((await s.find({ limit: 0 })).total, 9);
        } finally {
          await s.close();
        }
      });
    });
  });
}
