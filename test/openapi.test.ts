// The OpenAPI 3.1 documents, served and written by the CLI, checked by tools nobody here wrote:
// @apidevtools/swagger-parser validates them against the OpenAPI schema, `redocly lint` finds no
// error in them, and what the running server answers validates against the schemas they declare.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import SwaggerParser from '@apidevtools/swagger-parser';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse as parseYaml } from 'yaml';
import { personsRoot } from '../examples/persons/app.ts';
import { type Running, createApp, openApiDocument, openapi, restjson, restxml, serve } from '../src/index.ts';
import { kitchenApi, TOKEN } from './helpers/kitchen-api.ts';
import { startDemo } from './helpers/demo.ts';
import { call } from './helpers/http.ts';
import { redoclyLint } from './helpers/redocly.ts';
import { cli } from './helpers/spawn.ts';

type Doc = {
  servers: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema>; securitySchemes?: Record<string, unknown> };
};
type Schema = Record<string, unknown> & { properties?: Record<string, Schema> };
type Operation = {
  operationId: string;
  parameters?: { name: string; in: string; required: boolean; schema: Schema }[];
  requestBody?: { required: boolean; content: Record<string, { schema: Schema }> };
  responses: Record<string, { $ref?: string; content?: Record<string, { schema: Schema }> }>;
  security: Record<string, string[]>[];
};

/** A copy, since swagger-parser dereferences the document it is given in place. */
const copy = <T>(x: T): T => structuredClone(x);

describe('OpenAPI 3.1 of an API using every part of the model', () => {
  const doc = openApiDocument(createApp(kitchenApi()).api, { url: 'http://127.0.0.1:8080/kitchen/v1' }) as unknown as Doc;

  it('is valid for swagger-parser', async () => {
    await SwaggerParser.validate(copy(doc) as never);
  });

  it('has no error for redocly lint', () => {
    const errors = redoclyLint(doc).filter((p) => p.severity === 'error');
    assert.deepEqual(errors, []);
  });

  it('writes each scalar as the JSON wire carries it, named types as components', () => {
    const e = doc.components.schemas.Everything!;
    const p = e.properties!;
    assert.deepEqual(p.big, { type: 'integer', format: 'int64' });
    assert.deepEqual(p.price, { type: 'string', format: 'decimal' });
    assert.deepEqual(p.day, { type: 'string', format: 'date' });
    assert.deepEqual(p.at, { type: 'string', format: 'time' });
    assert.deepEqual(p.when, { type: 'string', format: 'date-time' });
    assert.deepEqual(p.bytes, { type: 'string', contentEncoding: 'base64' });
    assert.deepEqual(p.colour, { $ref: '#/components/schemas/Colour' });
    assert.deepEqual(p.maybe, { oneOf: [{ type: 'string' }, { type: 'null' }] });
    assert.deepEqual(p.s, { type: 'string', description: 'A string.' });
    assert.deepEqual(e.required, ['s']);
    assert.deepEqual(doc.components.schemas.Colour, { type: 'string', enum: ['red', 'green'] });
  });

  it('lists each binding: path, verb, parameters by source, bodies per content type, statuses', () => {
    const get = doc.paths['/books/{id}']!.get!;
    assert.equal(get.operationId, 'books.get');
    assert.deepEqual(get.parameters, [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }]);
    assert.deepEqual(Object.keys(get.responses), ['200', '400', '404', 'default']);
    assert.equal(get.responses['404']!.$ref, '#/components/responses/Fault');

    const create = doc.paths['/books']!.post!;
    assert.deepEqual(Object.keys(create.requestBody!.content), ['application/json', 'application/xml']);
    assert.deepEqual(create.requestBody!.content['application/json']!.schema, { $ref: '#/components/schemas/Book' });
    assert.ok(create.responses['201']);

    const rename = doc.paths['/books/{id}']!.put!;
    assert.deepEqual(
      rename.parameters!.map((p) => [p.name, p.in, p.required]),
      [
        ['id', 'path', true],
        ['x-user', 'header', true],
      ],
    );
    const members = rename.requestBody!.content['application/x-www-form-urlencoded']!.schema;
    assert.deepEqual(members, { type: 'object', properties: { name: { type: 'string' } }, additionalProperties: false, required: ['name'] });

    const remove = doc.paths['/books/{id}']!.delete!;
    assert.deepEqual(remove.responses['204'], { description: 'Done; no content.' });

    // Strict verbs: `search` is safe, so GET (query parameters) and POST (members).
    const search = doc.paths['/books/search']!;
    assert.deepEqual(Object.keys(search), ['get', 'post']);
    assert.deepEqual(
      search.get!.parameters!.map((p) => [p.name, p.in, p.required]),
      [
        ['query', 'query', true],
        ['tags', 'query', false],
      ],
    );
    // A complex argument is not a query parameter: `echo` is documented as POST only.
    assert.deepEqual(Object.keys(doc.paths['/types/echo']!), ['post']);
  });

  it('says who may call each operation, from the auth policy', () => {
    assert.deepEqual(doc.components.securitySchemes, { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A bearer token.' } });
    assert.deepEqual(doc.paths['/books']!.post!.security, [{ bearer: ['books.write'] }]);
    assert.deepEqual(doc.paths['/books/{id}']!.delete!.security, [{ bearer: [] }]);
    assert.deepEqual(doc.paths['/books/search']!.get!.security, [{ bearer: [] }, {}]);
    assert.deepEqual(doc.paths['/books/{id}']!.get!.security, []);
    assert.ok(doc.paths['/books']!.post!.responses['401']);
    assert.ok(doc.paths['/books']!.post!.responses['403']);
  });
});

describe('OpenAPI served at <base>/openapi.json and .yaml', () => {
  let running: Running;
  let demo: Running;
  before(async () => {
    running = await serve(kitchenApi(), { port: 0, host: '127.0.0.1' });
    demo = await startDemo();
  });
  after(async () => {
    await running.close();
    await demo.close();
  });

  it('serves the demo’s document at /ws/openapi.json, its server the address the client used', async () => {
    const a = await call(`${demo.url}/ws/openapi.json`);
    assert.equal(a.status, 200);
    assert.match(a.headers.get('content-type')!, /^application\/json/);
    const doc = a.json as Doc;
    assert.deepEqual(doc.servers, [{ url: `${demo.url}/ws` }]);
    await SwaggerParser.validate(copy(doc) as never);
    assert.deepEqual(
      redoclyLint(doc).filter((p) => p.severity === 'error'),
      [],
    );
    assert.deepEqual(Object.keys(doc.paths), ['/person/get', '/person/list', '/person/update', '/person/create', '/person/destroy', '/person/watch']);
  });

  it('serves the same document as YAML', async () => {
    const [j, y] = await Promise.all([call(`${demo.url}/ws/openapi.json`), call(`${demo.url}/ws/openapi.yaml`)]);
    assert.match(y.headers.get('content-type')!, /^application\/yaml/);
    assert.deepEqual(parseYaml(y.text), j.json);
  });

  it('answers other verbs with 405 and Allow', async () => {
    const a = await call(`${demo.url}/ws/openapi.json`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    assert.equal(a.status, 405);
    assert.equal(a.headers.get('allow'), 'GET, HEAD');
    assert.equal((a.json as { code: string }).code, 'SB_METHOD_NOT_ALLOWED');
  });

  it('describes what the server really answers: results validate against the declared schemas', async () => {
    const doc = (await call(`${running.url}/kitchen/v1/openapi.json`)).json as Doc & { components: object };
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    const check = (schema: Schema, value: unknown) => {
      const v = ajv.compile({ ...schema, components: doc.components });
      assert.ok(v(value), JSON.stringify(v.errors));
    };
    const everything = {
      s: 'x',
      i: 1,
      n: 1.5,
      big: 1,
      yes: true,
      price: '1.10',
      day: '2024-02-29',
      at: '12:00:00',
      when: '2024-02-29T12:00:00Z',
      bytes: 'AAE=',
      colour: 'red',
      list: [1],
      map: { a: 'b' },
      maybe: null,
    };
    const echoed = await call(`${running.url}/kitchen/v1/types/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ e: everything }),
    });
    assert.equal(echoed.status, 200, echoed.text);
    check(doc.paths['/types/echo']!.post!.responses['200']!.content!['application/json']!.schema, echoed.json);

    const created = await call(`${running.url}/kitchen/v1/books`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ id: 7, title: 'Emma' }),
    });
    assert.equal(created.status, 201);
    check(doc.paths['/books']!.post!.responses['201']!.content!['application/json']!.schema, created.json);

    const missing = await call(`${running.url}/kitchen/v1/books/99`);
    assert.equal(missing.status, 404);
    check(doc.components.schemas.Fault!, missing.json);
    const refused = await call(`${running.url}/kitchen/v1/books`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"id":8,"title":"x"}',
    });
    assert.equal(refused.status, 401);
    check(doc.components.schemas.Fault!, refused.json);
  });
});

describe('switchboard openapi <module>', () => {
  it('writes the document to standard output, or as JSON or YAML to -o', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-openapi-'));
    try {
      const out = cli(['openapi', 'examples/persons/app.ts']);
      assert.equal(await out.exited(), 0, out.stderr);
      const doc = JSON.parse(out.stdout) as Doc;
      assert.deepEqual(doc.servers, [{ url: '/ws' }]);
      await SwaggerParser.validate(copy(doc) as never);

      const yaml = join(dir, 'persons.yaml');
      const written = cli(['openapi', 'examples/persons/app.ts', '--api', 'persons', '-o', yaml]);
      assert.equal(await written.exited(), 0, written.stderr);
      assert.deepEqual(parseYaml(readFileSync(yaml, 'utf8')), doc);

      const unknown = cli(['openapi', 'examples/persons/app.ts', '--api', 'nope']);
      assert.equal(await unknown.exited(), 1);
      assert.match(unknown.stderr, /serves no API named nope \(it serves persons\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('OpenAPI of the persons demo: both verbs, XML names, streams, nest_result', () => {
  // biome-ignore lint/suspicious/noExplicitAny: the document is walked freely
  const doc = openApiDocument(createApp(personsRoot()).api, { url: '/ws' }) as Record<string, any>;

  it('stays valid for swagger-parser and redocly', async () => {
    await SwaggerParser.validate(copy(doc) as never);
    assert.deepEqual(
      redoclyLint(doc).filter((p) => p.severity === 'error'),
      [],
    );
  });

  it('lists a function answering GET and POST under both verbs, a complex argument in WSME’s query notation', () => {
    assert.deepEqual(Object.keys(doc.paths['/person/create']), ['get', 'post']);
    const get = doc.paths['/person/create'].get;
    assert.equal(get.operationId, 'person.create');
    assert.deepEqual(
      get.parameters.map((p: { name: string; required: boolean }) => [p.name, p.required]),
      [
        ['p.id', false],
        ['p.lastname', false],
        ['p.firstname', false],
        ['p.age', false],
        ['p.hobbies', false],
      ],
    );
    assert.equal(get.parameters[4].explode, true);
    assert.equal(doc.paths['/person/create'].post.operationId, 'person.create.post');
  });

  it('a GET with WSME’s notation, as documented, is answered', async () => {
    const running = await serve(personsRoot(), { port: 0, host: '127.0.0.1' });
    try {
      const a = await call(`${running.url}/ws/person/create?p.lastname=Bing&p.firstname=Chandler&p.age=29&p.hobbies=Jokes&p.hobbies=Sarcasm`);
      assert.equal(a.status, 200);
      assert.deepEqual((a.json as { hobbies: string[] }).hobbies, ['Jokes', 'Sarcasm']);
    } finally {
      await running.close();
    }
  });

  it('names XML elements as the XML codec writes them: the <result> root, wrapped lists of <item>', () => {
    const get = doc.paths['/person/get'].get.responses['200'].content;
    assert.deepEqual(get['application/json'].schema, { $ref: '#/components/schemas/Person' });
    assert.deepEqual(get['application/xml'].schema, { $ref: '#/components/schemas/Person', xml: { name: 'result' } });
    const list = doc.paths['/person/list'].get.responses['200'].content['application/xml'].schema;
    assert.deepEqual(list, { type: 'array', items: { $ref: '#/components/schemas/Person', xml: { name: 'item' } }, xml: { name: 'result', wrapped: true } });
    assert.deepEqual(doc.components.schemas.Person.properties.hobbies, {
      type: 'array',
      items: { type: 'string', xml: { name: 'item' } },
      xml: { wrapped: true },
    });
    const body = doc.paths['/person/create'].post.requestBody.content['application/xml'].schema;
    assert.equal(body.xml.name, 'parameters');
  });

  it('gives a stream’s item type: its event-stream schema is the list of items', () => {
    const watch = doc.paths['/person/watch'].get.responses['200'].content['text/event-stream'].schema;
    assert.equal(watch.type, 'array');
    assert.deepEqual(watch.items, { $ref: '#/components/schemas/PersonChange' });
  });

  it('wraps JSON results where REST+JSON nests them (nest_result), served as configured', async () => {
    const app = createApp(personsRoot(), { protocols: [restjson({ nest_result: true }), restxml(), openapi()] });
    const running = await serve(app, { port: 0, host: '127.0.0.1' });
    try {
      // biome-ignore lint/suspicious/noExplicitAny: walked freely
      const nested = (await call(`${running.url}/ws/openapi.json`)).json as Record<string, any>;
      const content = nested.paths['/person/get'].get.responses['200'].content;
      assert.deepEqual(content['application/json'].schema, {
        type: 'object',
        properties: { result: { $ref: '#/components/schemas/Person' } },
        required: ['result'],
        additionalProperties: false,
      });
      assert.deepEqual(content['application/xml'].schema, { $ref: '#/components/schemas/Person', xml: { name: 'result' } });
      const answer = await call(`${running.url}/ws/person/get?id=1`);
      const ajv = new Ajv2020({ strict: false });
      ajv.addSchema({ $id: 'doc', components: nested.components });
      const check = ajv.compile(refsTo(content['application/json'].schema));
      assert.ok(check(answer.json), JSON.stringify(check.errors));
      assert.equal((answer.json as { result: { firstname: string } }).result.firstname, 'Ross');
    } finally {
      await running.close();
    }
  });
});

/** A schema whose `#/components/…` refs point into the schema registered as `doc`. */
function refsTo(s: unknown): Record<string, unknown> {
  return JSON.parse(JSON.stringify(s).replace(/"#\/components\//g, '"doc#/components/')) as Record<string, unknown>;
}
