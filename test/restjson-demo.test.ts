// REST+JSON end to end: every function of the persons demo, through every argument form WSME
// accepts, against a real server on 127.0.0.1 with Node's fetch.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useDemo } from './helpers/demo.ts';
import { assertClientFault, call, clientFault, invalidInput, postForm, postJson } from './helpers/http.ts';

const ross = { id: 1, lastname: 'Geller', firstname: 'Ross', age: 30, hobbies: ['Dinosaurs', 'Rachel'] };
const monica = { id: 2, lastname: 'Geller', firstname: 'Monica', age: 28, hobbies: ['Food', 'Cleaning'] };

describe('REST+JSON: the persons demo', () => {
  // A fresh demo per test: create/update/destroy change the stored persons.
  const demo = useDemo('each');

  it('get: query string', async () => {
    const r = await call(`${demo.ws}/get?id=1`);
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type') ?? '', /^application\/json/);
    assert.deepEqual(r.json, ross);
  });

  it('get: urlencoded form post', async () => {
    const r = await postForm(`${demo.ws}/get`, 'id=2');
    assert.equal(r.status, 200);
    assert.deepEqual(r.json, monica);
  });

  it('get: JSON body naming the argument', async () => {
    const r = await postJson(`${demo.ws}/get`, { id: 2 });
    assert.deepEqual([r.status, r.json], [200, monica]);
  });

  it('get: text/javascript body', async () => {
    const r = await call(`${demo.ws}/get`, { method: 'POST', headers: { 'content-type': 'text/javascript' }, body: '{"id": 1}' });
    assert.deepEqual([r.status, r.json], [200, ross]);
  });

  it('get: unknown id is the demo client error', async () => {
    const r = await call(`${demo.ws}/get?id=42`);
    assert.deepEqual([r.status, r.json], [400, clientFault('Unknown ID')]);
  });

  it('list: GET at its own path and, by its method option, at the controller path', async () => {
    for (const url of [`${demo.ws}/list`, demo.ws, `${demo.ws}/`]) {
      const r = await call(url);
      assert.deepEqual([r.status, r.json], [200, [ross, monica]], url);
    }
  });

  it('list: a verb it does not accept is 405 with Allow', async () => {
    const r = await call(`${demo.ws}/list`, { method: 'POST' });
    assert.equal(r.status, 405);
    assert.equal(r.headers.get('allow'), 'GET, HEAD');
    assert.deepEqual(r.json, clientFault('Method POST is not allowed here; allowed: GET, HEAD', 'SB_METHOD_NOT_ALLOWED'));
    const d = await call(demo.ws, { method: 'DELETE' });
    assert.equal(d.status, 405);
    assert.equal(d.headers.get('allow'), 'GET, HEAD');
  });

  it('create: JSON body', async () => {
    const p = { lastname: 'Green', firstname: 'Rachel', age: 29, hobbies: ['Fashion'] };
    const r = await postJson(`${demo.ws}/create`, { p });
    assert.deepEqual([r.status, r.json], [200, { ...p, id: 3 }]);
    const back = await call(`${demo.ws}/get?id=3`);
    assert.deepEqual(back.json, { ...p, id: 3 });
  });

  it('create: WSME complex notation in a form post', async () => {
    const r = await postForm(`${demo.ws}/create`, 'p.firstname=Joey&p.lastname=Tribbiani&p.age=31&p.hobbies[0]=Food&p.hobbies[1]=Acting');
    assert.deepEqual([r.status, r.json], [200, { id: 3, firstname: 'Joey', lastname: 'Tribbiani', age: 31, hobbies: ['Food', 'Acting'] }]);
  });

  it('create: WSME complex notation in the query string', async () => {
    const r = await call(`${demo.ws}/create?p.firstname=Phoebe&p.hobbies=Guitar&p.hobbies=Songs`, { method: 'POST' });
    assert.deepEqual([r.status, r.json], [200, { id: 3, firstname: 'Phoebe', hobbies: ['Guitar', 'Songs'] }]);
  });

  it('create: an id is refused as the demo does', async () => {
    const r = await postJson(`${demo.ws}/create`, { p: { id: 9, firstname: 'X' } });
    assert.deepEqual([r.status, r.json], [400, clientFault("I don't want an id")]);
  });

  it('update: complex notation, then read back', async () => {
    const r = await call(`${demo.ws}/update?p.id=1&p.firstname=Ross&p.hobbies[0]=Dinosaurs`);
    assert.deepEqual([r.status, r.json], [200, { id: 1, firstname: 'Ross', hobbies: ['Dinosaurs'] }]);
    assert.deepEqual((await call(`${demo.ws}/get?id=1`)).json, { id: 1, firstname: 'Ross', hobbies: ['Dinosaurs'] });
  });

  it('update: JSON body; a missing id is the demo client error', async () => {
    const ok = await postJson(`${demo.ws}/update`, { p: { ...monica, age: 29 } });
    assert.deepEqual([ok.status, ok.json], [200, { ...monica, age: 29 }]);
    const r = await postJson(`${demo.ws}/update`, { p: { firstname: 'Nobody' } });
    assert.deepEqual([r.status, r.json], [400, clientFault('id is missing')]);
  });

  it('destroy: no return type answers 200 null; then the person is gone', async () => {
    const r = await postJson(`${demo.ws}/destroy`, { id: 2 });
    assert.equal(r.status, 200);
    assert.equal(r.text, 'null');
    assert.deepEqual((await call(`${demo.ws}/get?id=2`)).json, clientFault('Unknown ID'));
    assert.deepEqual((await call(`${demo.ws}/destroy?id=2`)).json, clientFault('Unknown ID'));
  });

  it('arguments combined: query string and JSON body', async () => {
    const r = await call(`${demo.ws}/update?p.id=2`, { method: 'POST' });
    assert.equal(r.status, 200);
    // The query names one argument, the body another: here the only other would be unknown.
    const both = await postJson(`${demo.ws}/get?id=1`, { x: 1 });
    assert.deepEqual([both.status, both.json], [400, clientFault('Unknown argument: "x"', 'SB_UNKNOWN_ARGUMENT')]);
  });

  it('arguments combined: query string and form post', async () => {
    const r = await postForm(`${demo.ws}/create?p.firstname=Chandler`, 'p.lastname=Bing');
    assert.deepEqual([r.status, r.json], [200, { id: 3, firstname: 'Chandler', lastname: 'Bing' }]);
  });
});

describe('REST+JSON: WSME client errors, in its words', () => {
  const demo = useDemo();

  const cases: [string, () => Promise<{ status: number; json: unknown }>, string | RegExp][] = [
    ['missing argument', () => call(`${demo.ws}/get`), 'Missing argument: "id"'],
    ['missing argument in a JSON body', () => postJson(`${demo.ws}/get`, {}), 'Missing argument: "id"'],
    ['unknown argument in the query', () => call(`${demo.ws}/get?id=1&x=2`), 'Unknown argument: "x"'],
    ['unknown argument in a form', () => postForm(`${demo.ws}/get`, 'x=1'), 'Unknown argument: "x"'],
    ['unknown argument in a JSON body', () => postJson(`${demo.ws}/get`, { id: 1, x: 2 }), 'Unknown argument: "x"'],
    ['repeated key', () => call(`${demo.ws}/get?id=1&id=2`), 'Parameter id was given several times'],
    ['query and body both', () => postJson(`${demo.ws}/get?id=1`, { id: 2 }), 'Parameter id was given several times'],
    ['query and form both', () => postForm(`${demo.ws}/get?id=1`, 'id=2'), 'Parameter id was given several times'],
    ['not an integer', () => call(`${demo.ws}/get?id=abc`), invalidInput('id', 'abc')],
    ['not an integer in JSON', () => postJson(`${demo.ws}/get`, { id: 'abc' }), invalidInput('id', 'abc')],
    ['a fraction for an integer', () => postJson(`${demo.ws}/get`, { id: 1.5 }), invalidInput('id', '1.5')],
    ['bad attribute in complex notation', () => call(`${demo.ws}/update?p.id=x`), invalidInput('p.id', 'x')],
    ['bad attribute in a JSON body', () => postJson(`${demo.ws}/update`, { p: { hobbies: 'x' } }), invalidInput('p.hobbies', 'x')],
    [
      'malformed JSON',
      () => call(`${demo.ws}/get`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"id": ' }),
      'Request is not in valid JSON format',
    ],
    [
      'empty JSON body',
      () => call(`${demo.ws}/get`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: ' ' }),
      'Request is not in valid JSON format',
    ],
  ];
  for (const [name, request, faultstring] of cases) {
    it(name, async () => {
      assertClientFault(await request(), faultstring);
    });
  }

  it('the demo still answers after all of them', async () => {
    assert.deepEqual((await call(`${demo.ws}/get?id=1`)).json, ross);
  });
});
