import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { controller, expose, root } from '../api/index.ts';
import { compileApi } from './compile.ts';
import { t } from '../schema/types.ts';
import { TextArgs } from './textargs.ts';

const P = t.complex('P', { id: t.integer(), tags: t.array(t.string()) });
const api = compileApi(
  root({
    controllers: {
      c: controller({
        f: expose({ args: { a: t.integer(), s: t.optional(t.string()), v: t.optional(t.array(t.integer())), p: t.optional(P) } }, () => undefined),
      }),
    },
  }),
);
const fn = api.byName.get('c.f')!;
const reader = new TextArgs(fn.args.map((a) => ({ key: a.name, name: a.name, schema: a.schema })));
/** A formatted body's arguments added to the text ones, through the binder (as REST does). */
const mergeArgs = (into: Record<string, unknown>, from: Record<string, unknown>) => {
  for (const [k, v] of Object.entries(from)) fn.binder.putAt(into, fn.binder.indexOf(k), v === 'x' ? 'x' : v, 'json');
  return into;
};
const read = (q: string, form?: string) => reader.read(q, form);

describe('runtime/textargs', () => {
  it('flat parameters, decoded and converted', () => {
    assert.deepEqual(read('a=1&s=x+y%21'), { a: 1, s: 'x y!' });
    assert.deepEqual(read('a=1&s'), { a: 1, s: '' });
    assert.deepEqual(read('&a=2&&'), { a: 2 });
    assert.deepEqual(read(''), {});
    assert.deepEqual(read('a=1', 's=z'), { a: 1, s: 'z' });
  });

  it('wsmeproto is never an argument', () => {
    assert.deepEqual(read('wsmeproto=restjson&a=1'), { a: 1 });
    assert.deepEqual(read('a=1&v=1&v=2&wsmeproto=restjson'), { a: 1, v: [1, 2] });
  });

  it('repeated and structured keys go through the tree, even after flat ones', () => {
    assert.deepEqual(read('a=1&v=1&v=2'), { a: 1, v: [1, 2] });
    assert.deepEqual(read('a=1&v[1]=5&v[0]=4'), { a: 1, v: [4, 5] });
    assert.deepEqual(read('a=1', 'p.id=3&p.tags=x&p.tags=y'), { a: 1, p: { id: 3, tags: ['x', 'y'] } });
  });

  it('the same argument twice, in one source or two, is refused', () => {
    assert.throws(() => read('a=1&a=2'), /Parameter a was given several times/);
    assert.throws(() => read('a=1', 'a=2'), /Parameter a was given several times/);
  });

  it('unknown names and bad encodings are client errors', () => {
    assert.throws(() => read('a=1&x=2'), /Unknown argument: "x"/);
    assert.throws(() => read('constructor=1'), /Unknown argument: "constructor"/);
    assert.throws(() => read('__proto__=1'), /Unknown argument: "__proto__"/);
    assert.throws(() => read('a=%E0%A4%A'), /badly encoded parameter/);
  });

  it('mergeArgs refuses an argument both sources gave', () => {
    assert.deepEqual(mergeArgs({ a: 1 }, { s: 'x' }), { a: 1, s: 'x' });
    assert.throws(() => mergeArgs({ a: 1 }, { a: 2 }), /Parameter a was given several times/);
  });
});
