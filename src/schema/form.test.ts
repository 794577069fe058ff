import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { keyPath, pairsToTree, parsePairs } from './form.ts';

/** Plain-object copy of a null-prototype tree, for deepEqual. */
const plain = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(plain) : typeof v === 'object' && v !== null ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)])) : v;
const tree = (q: string) => plain(pairsToTree(parsePairs(q)));

describe('parsePairs', () => {
  test('splits, decodes, keeps order and repeats', () => {
    assert.deepEqual(parsePairs(''), []);
    assert.deepEqual(parsePairs('a=1&b=2&a=3'), [
      ['a', '1'],
      ['b', '2'],
      ['a', '3'],
    ]);
    assert.deepEqual(parsePairs('a=x+y&b=%C3%A9%F0%9F%98%80&c=1%2B1%3D2'), [
      ['a', 'x y'],
      ['b', 'é😀'],
      ['c', '1+1=2'],
    ]);
    assert.deepEqual(parsePairs('flag&e=&=v'), [
      ['flag', ''],
      ['e', ''],
      ['', 'v'],
    ]);
    assert.deepEqual(parsePairs('&&a=1&'), [['a', '1']]);
    assert.deepEqual(parsePairs('a=b=c'), [['a', 'b=c']]);
    assert.deepEqual(parsePairs('p.hobbies%5B0%5D=x'), [['p.hobbies[0]', 'x']]);
  });
  test('a badly encoded parameter is a client error', () => {
    assert.throws(() => parsePairs('a=%E0%A4%A'), { code: 'SB_BAD_ENCODING', message: 'Invalid request: badly encoded parameter %E0%A4%A' });
    assert.throws(() => parsePairs('a=%zz'), { code: 'SB_BAD_ENCODING' });
  });
});

describe('keyPath', () => {
  test('WSME complex notation', () => {
    assert.deepEqual(keyPath('id'), ['id']);
    assert.deepEqual(keyPath('p.id'), ['p', 'id']);
    assert.deepEqual(keyPath('p.hobbies[0]'), ['p', 'hobbies', '0']);
    assert.deepEqual(keyPath('v[0].inner.aint'), ['v', '0', 'inner', 'aint']);
    assert.deepEqual(keyPath('d[key]'), ['d', 'key']);
    assert.deepEqual(keyPath('d[a.b]'), ['d', 'a.b']);
    assert.deepEqual(keyPath('m[0][1]'), ['m', '0', '1']);
    assert.deepEqual(keyPath('v[]'), ['v']);
  });
});

describe('pairsToTree', () => {
  test('flat keys and repeated keys', () => {
    assert.deepEqual(tree('id=1'), { id: '1' });
    assert.deepEqual(tree('v=a&v=b&v=c'), { v: ['a', 'b', 'c'] });
    assert.deepEqual(tree('v[]=a&v[]=b'), { v: ['a', 'b'] });
  });
  test('complex argument', () => {
    assert.deepEqual(tree('p.id=1&p.firstname=Ross&p.hobbies[0]=Dinosaurs&p.hobbies[1]=Rachel'), {
      p: { id: '1', firstname: 'Ross', hobbies: { 0: 'Dinosaurs', 1: 'Rachel' } },
    });
  });
  test('arrays of complex types and dicts', () => {
    assert.deepEqual(tree('v[0].inner.aint=54&v[1].inner.aint=55'), { v: { 0: { inner: { aint: '54' } }, 1: { inner: { aint: '55' } } } });
    assert.deepEqual(tree('d[key]=v&d[other]=w'), { d: { key: 'v', other: 'w' } });
  });
  test('a key that is both a value and a structure is a client error', () => {
    assert.throws(() => tree('p=1&p.id=2'), { code: 'SB_PARAMETER_SHAPE', message: 'Invalid request: parameter p is both a value and a structure' });
    assert.throws(() => tree('p.id=2&p=1'), { code: 'SB_PARAMETER_SHAPE', message: 'Invalid request: parameter p is both a value and a structure' });
  });
  test('a "__proto__" key is data', () => {
    const t = pairsToTree(parsePairs('__proto__.x=1'));
    assert.equal(Object.getPrototypeOf(t), null);
    assert.deepEqual(plain(t), { ['__proto__']: { x: '1' } });
    assert.equal(({} as Record<string, unknown>).x, undefined);
  });
  test('adds into an existing tree', () => {
    const into = pairsToTree(parsePairs('a=1'));
    assert.deepEqual(plain(pairsToTree(parsePairs('a=2&b=3'), into)), { a: ['1', '2'], b: '3' });
  });
});
