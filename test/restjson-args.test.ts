// REST+JSON end to end: argument shapes (WSME's complex notation, arrays, dicts, the body
// option, defaults) and the type table both ways, through a real server.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Running, serve } from '../src/index.ts';
import { assertClientFault, call, invalidInput, postForm, postJson } from './helpers/http.ts';
import { kitchenRoot } from './helpers/kitchen.ts';

describe('REST+JSON: argument shapes and types', () => {
  let running: Running;
  let base: string;
  before(async () => {
    running = await serve(kitchenRoot(), { port: 0, host: '127.0.0.1' });
    base = `${running.url}/k/args`;
  });
  after(() => running.close());

  const ok = async (r: Promise<{ status: number; json: unknown }>, expected: unknown) => {
    const a = await r;
    assert.deepEqual([a.status, a.json], [200, expected]);
  };
  const bad = async (r: Promise<{ status: number; json: unknown }>, faultstring: string | RegExp) => assertClientFault(await r, faultstring);

  it('scalar arrays: repeated key, indexed v[0]=, JSON, one value, form', async () => {
    await ok(call(`${base}/ints?v=3&v=1&v=2`), [3, 1, 2]);
    await ok(call(`${base}/ints?v[1]=20&v[0]=10`), [10, 20]);
    await ok(call(`${base}/ints?v=5`), [5]);
    await ok(postForm(`${base}/ints`, 'v=1&v=2'), [1, 2]);
    await ok(postJson(`${base}/ints`, { v: [] }), []);
    await ok(postJson(`${base}/ints`, { v: [4, 5] }), [4, 5]);
    await bad(call(`${base}/ints?v=1&v=x`), invalidInput('v[1]', 'x'));
  });

  it('arrays of complex types: v[0].inner.aint=54', async () => {
    await ok(call(`${base}/outers?v[0].inner.aint=54&v[0].name=a&v[1].inner.astr=%C3%A9t%C3%A9`), [
      { inner: { aint: 54 }, name: 'a' },
      { inner: { astr: 'été' } },
    ]);
    await ok(postForm(`${base}/outers`, 'v[0].inner.aint=54'), [{ inner: { aint: 54 } }]);
    await bad(call(`${base}/outers?v[0].inner.nope=1`), 'Unknown attribute for argument v[0].inner: nope');
  });

  it('dicts: d[key]=', async () => {
    await ok(call(`${base}/dict?d[a]=1&d[b]=2`), { a: 1, b: 2 });
    await ok(postForm(`${base}/dict`, 'd[x]=9'), { x: 9 });
    await ok(postJson(`${base}/dict`, { d: { k: 3 } }), { k: 3 });
  });

  it('arguments combined from query, form and JSON body', async () => {
    await ok(call(`${base}/pair?a=1&b=x`), 'x:1');
    await ok(postForm(`${base}/pair?a=2`, 'b=y'), 'y:2');
    await ok(postJson(`${base}/pair?a=3`, { b: 'z' }), 'z:3');
    await bad(postJson(`${base}/pair?a=3`, { a: 4, b: 'z' }), 'Parameter a was given several times');
  });

  it('defaults and optional arguments', async () => {
    await ok(call(`${base}/defaults`), '7/unset');
    await ok(call(`${base}/defaults?a=1&b=x`), '1/x');
    await ok(postJson(`${base}/defaults`, { b: '' }), '7/');
  });

  it('the body option: the whole body is one argument; others come from the query', async () => {
    await ok(call(`${base}/body?id=4`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"b": "x"}' }), { b: 'x', n: 4 });
    // method: 'PUT' also makes it reachable at the controller path.
    await ok(call(base, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"a": null}' }), { a: null, n: null });
    await bad(call(`${base}/body`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '[1]' }), invalidInput('x', '[1]'));
  });

  it('bool coercion words, as WSME', async () => {
    for (const w of ['true', 'True', '1', 'yes', 'on']) await ok(call(`${base}/flag?b=${w}`), true);
    for (const w of ['false', 'FALSE', '0', 'no', 'off']) await ok(call(`${base}/flag?b=${w}`), false);
    await ok(postJson(`${base}/flag`, { b: true }), true);
    await bad(call(`${base}/flag?b=maybe`), invalidInput('b', 'maybe'));
  });

  it('int64 beyond 2^53, both ways, without loss', async () => {
    const r = await call(`${base}/big?n=9007199254740993`);
    assert.equal(r.text, '9007199254740994');
    const j = await call(`${base}/big`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"n": 1234567890123456789}' });
    assert.equal(j.text, '1234567890123456790');
    const over = await call(`${base}/big?n=9223372036854775808`);
    assert.equal(over.status, 400);
    const neg = await call(`${base}/big?n=-9223372036854775808`);
    assert.equal(neg.text, '-9223372036854775807');
  });

  it('unset stays distinct from null, both ways', async () => {
    await ok(postJson(`${base}/thing`, { x: { a: null } }), { a: null });
    await ok(postJson(`${base}/thing`, { x: { b: 'v' } }), { b: 'v' });
    await ok(postJson(`${base}/thing`, { x: {} }), {});
    await ok(call(`${base}/thing?x.b=v`), { b: 'v' });
    await bad(postJson(`${base}/thing`, { x: { b: null } }), invalidInput('x.b', 'null'));
  });

  it('every type of the table round-trips through JSON', async () => {
    const x = {
      s: 'héllo ✓ 😀',
      i: -42,
      f: 2.5,
      b: true,
      dec: '12345678901234567890.123456789',
      d: '2024-02-29',
      tm: '23:59:58',
      dt: '2024-02-29T12:30:00+02:00',
      bin: Buffer.from([0, 1, 2, 250, 255]).toString('base64'),
      big: '0',
      color: 'green',
      tags: [],
      counts: { a: 1 },
    };
    const r = await call(`${base}/all`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ x }).replace('"big":"0"', '"big":9223372036854775807'),
    });
    assert.equal(r.status, 200, r.text);
    assert.match(r.text, /"big":9223372036854775807/);
    assert.deepEqual({ ...(r.json as object), big: '0' }, x);
  });

  it('every type of the table from query text', async () => {
    const q =
      'x.s=a+b&x.i=1&x.f=0.5&x.b=no&x.dec=0.10&x.d=1999-12-31&x.tm=00:00:00&x.dt=2000-01-01T00:00:00Z&x.bin=AAE%3D&x.big=1&x.color=red&x.tags=q&x.counts[z]=0';
    await ok(call(`${base}/all?${q}`), {
      s: 'a b',
      i: 1,
      f: 0.5,
      b: false,
      dec: '0.10',
      d: '1999-12-31',
      tm: '00:00:00',
      dt: '2000-01-01T00:00:00Z',
      bin: 'AAE=',
      big: 1,
      color: 'red',
      tags: ['q'],
      counts: { z: 0 },
    });
  });

  it('invalid values of each type are client faults naming the attribute', async () => {
    const cases: [string, string][] = [
      ['x.d=2023-02-29', '2023-02-29'],
      ['x.tm=25:00:00', '25:00:00'],
      ['x.dt=yesterday', 'yesterday'],
      ['x.dec=1.2.3', '1.2.3'],
      ['x.bin=***', '***'],
      ['x.color=pink', 'pink'],
      ['x.f=nan', 'nan'],
      ['x.big=1e3', '1e3'],
      ['x.i=9007199254740993', '9007199254740993'],
    ];
    for (const [q, value] of cases) {
      await bad(call(`${base}/all?${q}`), invalidInput(q.slice(0, q.indexOf('=')), value));
    }
  });

  it('bounded integers and strings', async () => {
    await ok(call(`${base}/bounded?n=2&code=ABC`), 'ABCABC');
    await bad(call(`${base}/bounded?n=0&code=ABC`), invalidInput('n', '0'));
    await bad(call(`${base}/bounded?n=11&code=ABC`), invalidInput('n', '11'));
    await bad(call(`${base}/bounded?n=1&code=abcd`), invalidInput('code', 'abcd'));
  });

  it('nested controllers', async () => {
    await ok(call(`${running.url}/k/nest/deeper/hello?who=you`), 'hello you');
    await ok(call(`${running.url}/k/nest/deeper/hello.json?who=me`), 'hello me');
  });
});
