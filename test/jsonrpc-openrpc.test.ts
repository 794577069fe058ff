// rpc.discover's document, checked with tools nobody here wrote: the OpenRPC project's own
// meta-schema (@open-rpc/meta-schema, with @json-schema-tools/meta-schema for the JSON Schemas
// in it) validates it with Ajv, and the results the server really sends validate against the
// result schemas the document declares (so the schemas describe the JSON wire, not TypeBox's
// internals).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createRequire } from 'node:module';
import { Ajv, type SchemaObject } from 'ajv';
import { type Running, controller, expose, root, serve, t } from '../src/index.ts';
import { startDemo } from './helpers/demo.ts';
import { postJson } from './helpers/http.ts';

type Doc = { methods: { name: string; params: { name: string; schema: object }[]; result: { schema: object } }[]; components?: object };

// The packages' typings declare only their types, not the schema values they export.
const require = createRequire(import.meta.url);
const { jsonSchema }: { jsonSchema: SchemaObject } = require('@json-schema-tools/meta-schema');
const { openrpcDocument }: { openrpcDocument: SchemaObject } = require('@open-rpc/meta-schema');

// Both meta-schemas name their own dialect as `$schema`; Ajv knows it as draft 7, so it is left out.
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, validateSchema: false });
const { $schema: _json, $id: jsonSchemaId, ...schemaOfSchemas } = jsonSchema;
const { $schema: _rpc, ...metaSchema } = openrpcDocument;
// The OpenRPC meta-schema refers to it both with and without the trailing slash of its `$id`.
ajv.addSchema(schemaOfSchemas, String(jsonSchemaId));
ajv.addSchema(schemaOfSchemas, String(jsonSchemaId).replace(/\/$/, ''));
const validateDocument = ajv.compile(metaSchema);

/** A validator of one schema of the document, its `$ref`s resolved against the document's components. */
function schemaOf(doc: Doc, schema: object) {
  return new Ajv({ strict: false, validateFormats: false }).compile({ ...schema, components: doc.components });
}

async function rpc(base: string, method: string, params?: unknown): Promise<unknown> {
  const a = await postJson(`${base}/jsonrpc`, { jsonrpc: '2.0', method, params, id: 1 });
  const body = a.json as { result?: unknown; error?: unknown };
  assert.equal(body.error, undefined, JSON.stringify(body.error));
  return body.result;
}

const Kind = t.enum(['a', 'b'], { name: 'Kind' });
const Everything = t.complex('Everything', {
  s: t.string(),
  i: t.integer(),
  n: t.number(),
  big: t.int64(),
  yes: t.boolean(),
  price: t.decimal(),
  day: t.date(),
  at: t.time(),
  when: t.datetime(),
  bytes: t.binary(),
  kind: Kind,
  list: t.array(t.integer()),
  map: t.dict(t.string()),
  maybe: t.nullable(t.string()),
  none: t.nullable(t.integer()),
  whatever: t.any(),
});
const everything = {
  s: 'x',
  i: 1,
  n: 1.5,
  big: 9007199254740993n,
  yes: true,
  price: '1.10',
  day: '2024-02-29',
  at: '12:30:00',
  when: '2024-02-29T12:30:00Z',
  bytes: new Uint8Array([1, 2, 3]),
  kind: 'b' as const,
  list: [1, 2],
  map: { k: 'v' },
  maybe: 'm',
  none: null,
  whatever: { deep: [1] },
};

describe('the OpenRPC document', () => {
  let demo: Running;
  let kitchen: Running;
  before(async () => {
    demo = await startDemo();
    kitchen = await serve(
      root({
        webpath: 'k',
        controllers: { e: controller({ get: expose({ args: { e: t.optional(Everything) }, returns: Everything, doc: 'Every type.' }, () => everything) }) },
      }),
      { port: 0, host: '127.0.0.1' },
    );
  });
  after(async () => {
    await demo.close();
    await kitchen.close();
  });

  it('the meta-schema does refuse a broken document', () => {
    assert.ok(validateDocument({ openrpc: '1.3.2', info: { title: 'x', version: '1' }, methods: [] }));
    assert.ok(!validateDocument({ openrpc: '1.3.2', info: { title: 'x' }, methods: [] }), 'info.version is required');
    assert.ok(
      !validateDocument({ openrpc: '1.3.2', info: { title: 'x', version: '1' }, methods: [{ name: 'm', params: [{ name: 'p' }] }] }),
      'a param needs a schema',
    );
  });

  for (const [label, base, api] of [
    ['the demo’s', () => `${demo.url}/ws`, 'demo'],
    ['a root of every type’s', () => `${kitchen.url}/k`, 'kitchen'],
  ] as const) {
    it(`${label} validates against the OpenRPC meta-schema`, async () => {
      const doc = await rpc(base(), 'rpc.discover');
      assert.ok(validateDocument(doc), `${api}: ${ajv.errorsText(validateDocument.errors)}`);
    });
  }

  it('describes the demo’s params and results as they travel', async () => {
    const base = `${demo.url}/ws`;
    const doc = (await rpc(base, 'rpc.discover')) as Doc;
    const method = (name: string) => doc.methods.find((m) => m.name === name)!;
    const list = schemaOf(doc, method('person.list').result.schema);
    assert.ok(list(await rpc(base, 'person.list')), JSON.stringify(list.errors));
    const p = schemaOf(doc, method('person.create').params[0].schema);
    assert.ok(p({ lastname: 'Bing', firstname: 'Chandler', age: 29, hobbies: [] }));
    assert.ok(!p({ firstname: 'Phoebe', pet: 'cat' }), 'unknown attributes are refused, as the codec does');
    assert.ok(!p({ age: 'old' }));
    const id = schemaOf(doc, method('person.get').params[0].schema);
    assert.ok(id(1) && !id(1.5) && !id('x'));
  });

  it('describes every type as the JSON codec writes it', async () => {
    const base = `${kitchen.url}/k`;
    const doc = (await rpc(base, 'rpc.discover')) as Doc;
    const get = doc.methods.find((m) => m.name === 'e.get')!;
    const result = await rpc(base, 'e.get');
    const validate = schemaOf(doc, get.result.schema);
    assert.ok(validate(result), JSON.stringify(validate.errors));
    // …and what it writes is accepted back as a param.
    assert.ok(schemaOf(doc, get.params[0].schema)(result));
    assert.deepEqual(await rpc(base, 'e.get', { e: result }), result);
    assert.ok(!validate({ ...(result as object), kind: 'c' }));
    assert.ok(!validate({ ...(result as object), bytes: 5 }));
  });
});
