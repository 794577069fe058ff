import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { t } from '../schema/index.ts';
import { columnsOf } from './fields.ts';
import { filterOf, orderingOf, pageOf, pageToken } from './list-query.ts';

const S = t.complex('P', { id: t.integer(), name: t.string(), ok: t.boolean(), big: t.int64() });
const cols = columnsOf(S, 'id');
const all = ['id', 'name', 'ok', 'big'];

describe("list arguments: django-filter's lookups, DRF's ordering, both page forms", () => {
  it('lookups become operators, per field, and __in lists are read as the field reads', () => {
    assert.deepEqual(filterOf({ id__gte: 2, id__lt: 9, name: 'x' }, cols, all), { id: { $gte: 2, $lt: 9 }, name: { $eq: 'x' } });
    assert.deepEqual(filterOf({ id__in: '1,2', ok__in: 'true', big__in: '9007199254740993' }, cols, all), {
      id: { $in: [1, 2] },
      ok: { $in: [true] },
      big: { $in: [9007199254740993n] },
    });
    assert.deepEqual(filterOf({ filter: { name: 'a' }, id: 1 }, cols, all), { $and: [{ name: 'a' }, { id: { $eq: 1 } }] });
    assert.throws(() => filterOf({ id__in: '1,x' }, cols, all), { code: 'SB_BAD_QUERY' });
    assert.throws(() => filterOf({ filter: { name: 'a' } }, cols, ['id']), { code: 'SB_BAD_QUERY' });
    assert.throws(() => filterOf({ filter: { $or: [{ big: 1 }] } }, cols, ['id']), { code: 'SB_BAD_QUERY' });
  });

  it('ordering', () => {
    assert.deepEqual(orderingOf('-name, id', all), [
      { field: 'name', desc: true },
      { field: 'id', desc: false },
    ]);
    assert.deepEqual(orderingOf('', all), []);
    assert.throws(() => orderingOf('colour', all), { code: 'SB_BAD_QUERY' });
  });

  it('pages: a default size, a maximum, opaque tokens that must be ones the list gave', () => {
    assert.deepEqual(pageOf({}, 20, 100), { cursor: false, limit: 20, offset: 0 });
    assert.deepEqual(pageOf({ limit: 500, offset: 3 }, 20, 100), { cursor: false, limit: 100, offset: 3 });
    assert.deepEqual(pageOf({ maxResults: 5, pageToken: pageToken(10) }, 20, 100), { cursor: true, limit: 5, offset: 10 });
    assert.throws(() => pageOf({ pageToken: 'nope' }, 20, 100), { code: 'SB_BAD_QUERY' });
    assert.throws(() => pageOf({ limit: 1, maxResults: 1 }, 20, 100), { code: 'SB_BAD_QUERY' });
  });

  it('page numbers from 1, of limit rows or the default size; never with offset or a cursor', () => {
    assert.deepEqual(pageOf({ page: 1 }, 20, 100), { cursor: false, limit: 20, offset: 0 });
    assert.deepEqual(pageOf({ page: 3, limit: 5 }, 20, 100), { cursor: false, limit: 5, offset: 10 });
    assert.deepEqual(pageOf({ page: 2, limit: 500 }, 20, 100), { cursor: false, limit: 100, offset: 100 });
    assert.throws(() => pageOf({ page: 2, offset: 1 }, 20, 100), { code: 'SB_BAD_QUERY' });
    assert.throws(() => pageOf({ page: 2, maxResults: 1 }, 20, 100), { code: 'SB_BAD_QUERY' });
  });
});
