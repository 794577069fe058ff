// The README's five-minute guide, run for real against the built package (`switchboard`).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { type Running, serve } from 'switchboard';
import books from '../examples/books/app.ts';

describe('README five-minute guide', () => {
  let running: Running;
  before(async () => {
    running = await serve(books, { port: 0, host: '127.0.0.1' });
  });
  after(() => running.close());

  it('shows exactly the example file', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const block = /```ts\n\/\/ app\.ts\n([\s\S]*?)```/.exec(readme)?.[1];
    const file = readFileSync(new URL('../examples/books/app.ts', import.meta.url), 'utf8');
    assert.ok(block, 'README has the app.ts block');
    assert.equal(file.slice(file.indexOf('\n') + 1), block);
  });

  it('answers the calls the guide shows', async () => {
    const base = `${running.url}/api/books`;
    const book = { isbn: '978-0-00-000000-2', title: 'Dune', price: '9.99', published: '1965-08-01', tags: ['sf'] };
    let r = await fetch(`${base}/add`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ book }) });
    assert.equal(r.status, 200);
    assert.deepEqual(await r.json(), book);

    r = await fetch(`${base}/get?isbn=978-0-00-000000-2`);
    assert.deepEqual(await r.json(), book);

    r = await fetch(`${base}/add`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'book.isbn=1234567890&book.title=Emma&book.tags[0]=classic',
    });
    assert.deepEqual(await r.json(), { isbn: '1234567890', title: 'Emma', tags: ['classic'] });

    r = await fetch(`${base}?tag=sf`);
    assert.deepEqual(await r.json(), [book]);

    r = await fetch(`${base}/get`);
    assert.equal(r.status, 400);
    assert.deepEqual(await r.json(), { faultcode: 'Client', faultstring: 'Missing argument: "isbn"', debuginfo: null, code: 'SB_MISSING_ARGUMENT' });

    r = await fetch(`${base}/get?isbn=nope`);
    assert.equal(r.status, 404);
    assert.equal(((await r.json()) as { faultstring: string }).faultstring, 'Unknown ISBN');
  });
});

describe('README class example', () => {
  let running: Running;
  before(async () => {
    const { default: classes } = await import('../examples/books/classes.ts');
    running = await serve(classes, { port: 0, host: '127.0.0.1' });
  });
  after(() => running.close());

  it('shows exactly the example file', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const block = /```ts\n\/\/ classes\.ts\n([\s\S]*?)```/.exec(readme)?.[1];
    const file = readFileSync(new URL('../examples/books/classes.ts', import.meta.url), 'utf8');
    assert.ok(block, 'README has the classes.ts block');
    assert.equal(file.slice(file.indexOf('\n') + 1), block);
  });

  it('serves the decorated methods', async () => {
    const base = `${running.url}/api/books`;
    let r = await fetch(`${base}/add`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ book: { isbn: '1', title: 'Emma' } }),
    });
    assert.equal(r.status, 200);
    assert.deepEqual(await r.json(), { isbn: '1', title: 'Emma' });
    r = await fetch(`${base}/add`, { method: 'GET' });
    assert.equal(r.status, 405);
    r = await fetch(`${base}/get?isbn=1`);
    assert.deepEqual(await r.json(), { isbn: '1', title: 'Emma' });
    r = await fetch(`${base}/get?isbn=2`);
    assert.equal(r.status, 404);
    assert.equal(((await r.json()) as { faultstring: string }).faultstring, 'Unknown ISBN');
  });
});
