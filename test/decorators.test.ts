// Classes with standard (TC39) decorators, WSME style: `@expose(returns, { args, method, body })`.
// The handler's annotated argument type is checked against the schemas by tsc (`npm test`
// typechecks this file: the @ts-expect-error lines prove mismatches do not compile).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type ArgsOf, type CallContext, ClientError, type Running, type Static, expose, root, serve, t } from '../src/index.ts';
import { assertClientFault, call, clientFault, invalidInput, postForm, postJson } from './helpers/http.ts';

const Person = t.complex('Person', { id: t.integer(), name: t.string(), hobbies: t.array(t.string()) });
type Person = Static<typeof Person>;

// Declared once, used by the decorator and (through ArgsOf) by the method's parameter.
const findArgs = { name: t.string(), limit: t.integer({ default: 10 }), exact: t.optional(t.boolean()) };

class PersonController {
  private readonly persons = new Map<number, Person>([[1, { id: 1, name: 'Ross', hobbies: ['Dinosaurs'] }]]);

  @expose(Person, { args: { id: t.integer() } })
  get({ id }: { id: number }): Person {
    const p = this.persons.get(id);
    if (!p) throw new ClientError('Unknown ID');
    return p;
  }

  @expose(t.array(Person), { args: findArgs })
  find({ name, limit, exact }: ArgsOf<typeof findArgs>): Person[] {
    return [...this.persons.values()].filter((p) => (exact ? p.name === name : p.name?.includes(name))).slice(0, limit);
  }

  @expose(t.array(Person), { method: 'GET' })
  list(): Person[] {
    return [...this.persons.values()];
  }

  @expose(Person, { args: { p: Person }, method: ['POST', 'PUT'], body: 'p' })
  async save({ p }: { p: Person }, ctx: CallContext): Promise<Person> {
    if (p.id === undefined) throw new ClientError(`id is missing (${ctx.name})`);
    this.persons.set(p.id, p);
    return p;
  }

  @expose(undefined, { args: { id: t.integer() }, method: 'DELETE' })
  destroy({ id }: { id: number }): void {
    this.persons.delete(id);
  }

  /** Not exposed: not reachable. */
  helper(): string {
    return 'internal';
  }
}

class Admin {
  @expose(t.string())
  ping(): string {
    return 'pong';
  }
}

class AdminV2 extends Admin {
  override ping(): string {
    return 'not exposed any more';
  }

  @expose(t.string(), { args: { who: t.string({ default: 'world' }) } })
  hello({ who }: { who: string }): string {
    return `hello ${who}`;
  }
}

class Shop {
  // A nested controller as a property; and a plain `expose` field, whose arguments are inferred.
  readonly admin = new AdminV2();
  readonly echo = expose({ args: { n: t.integer() }, returns: t.integer() }, ({ n }) => n * 2);
}

// Type checks: a parameter type that disagrees with the schemas does not compile.
class Wrong {
  // @ts-expect-error id is an integer, not a string
  @expose(t.string(), { args: { id: t.integer() } })
  a({ id }: { id: string }): string {
    return id;
  }

  // @ts-expect-error the result must be a Person
  @expose(Person, { args: { id: t.integer() } })
  b({ id }: { id: number }) {
    return { id: String(id) };
  }
}
void Wrong;

describe('classes with standard decorators', () => {
  let running: Running;
  let base: string;
  before(async () => {
    const api = root({ webpath: 'api', controllers: { person: new PersonController(), shop: new Shop() } });
    running = await serve(api, { port: 0, host: '127.0.0.1' });
    base = `${running.url}/api`;
  });
  after(() => running.close());

  it('serves decorated methods with their argument schemas', async () => {
    const r = await call(`${base}/person/get?id=1`);
    assert.deepEqual([r.status, r.json], [200, { id: 1, name: 'Ross', hobbies: ['Dinosaurs'] }]);
    assertClientFault(await call(`${base}/person/get?id=abc`), invalidInput('id', 'abc'));
    assert.deepEqual((await call(`${base}/person/get?id=2`)).json, clientFault('Unknown ID'));
  });

  it('defaults and optional arguments', async () => {
    assert.deepEqual((await call(`${base}/person/find?name=Ro`)).json, [{ id: 1, name: 'Ross', hobbies: ['Dinosaurs'] }]);
    assert.deepEqual((await call(`${base}/person/find?name=Ro&exact=yes`)).json, []);
    assert.deepEqual((await call(`${base}/person/find?name=Ro&limit=0`)).json, []);
    assert.deepEqual((await call(`${base}/person/find`)).json, clientFault('Missing argument: "name"', 'SB_MISSING_ARGUMENT'));
  });

  it('HTTP verb dispatch at the controller path', async () => {
    assert.equal((await call(`${base}/person`)).status, 200);
    const put = await call(`${base}/person`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"id": 2, "name": "Monica"}' });
    assert.deepEqual([put.status, put.json], [200, { id: 2, name: 'Monica' }]);
    const del = await call(`${base}/person?id=2`, { method: 'DELETE' });
    assert.deepEqual([del.status, del.text], [200, 'null']);
    assert.deepEqual((await call(`${base}/person/get?id=2`)).json, clientFault('Unknown ID'));
    const get = await call(`${base}/person/save`);
    assert.equal(get.status, 405);
    assert.equal(get.headers.get('allow'), 'POST, PUT');
  });

  it('the body option and the call context', async () => {
    const r = await postJson(`${base}/person/save`, { name: 'Nobody' });
    assert.deepEqual(r.json, clientFault('id is missing (person.save)'));
    const f = await postForm(`${base}/person/save`, 'p.id=3&p.name=Joey');
    assert.deepEqual(f.json, { id: 3, name: 'Joey' });
  });

  it('methods without @expose are not reachable; overrides hide exposed parents', async () => {
    assert.equal((await call(`${base}/person/helper`)).status, 404);
    assert.equal((await call(`${base}/shop/admin/ping`)).status, 404);
    assert.deepEqual((await call(`${base}/shop/admin/hello`)).json, 'hello world');
  });

  it('nested class controllers and expose fields', async () => {
    assert.deepEqual((await call(`${base}/shop/admin/hello?who=you`)).json, 'hello you');
    assert.deepEqual((await call(`${base}/shop/echo?n=21`)).json, 42);
  });

  it('refuses a class where an instance is needed, with a hint', () => {
    assert.throws(() => root({ controllers: { person: PersonController } }), /pass an instance: new MyController\(\)/);
  });
});
