// Standard Schemas end to end: a function declared with Zod and one with Valibot, served over
// REST+JSON (fetch), SOAP (the `soap` npm client, built from the WSDL that shows the converted
// types) and JSON-RPC (jayson), with validation errors — the model's and the library's own
// refinements — in each protocol's own form.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import jayson from 'jayson/promise/index.js';
import { type Client, createClientAsync } from 'soap';
import * as v from 'valibot';
import { z } from 'zod';
import { controller, expose, type FunctionDef, type Running, root, serve, t, type TSchema } from '../src/index.ts';

const Place = z
  .object({
    name: z.string().min(1).max(40).describe('What the place is called'),
    lat: z.number().min(-90).max(90),
    lon: z.number().min(-180).max(180),
    visited: z.iso.date().optional(),
    tags: z.array(z.string()).default([]),
  })
  .refine((p) => p.name !== 'Nowhere', { message: 'Nowhere is not a place', path: ['name'] })
  .meta({ id: 'Place' });
const SavedPlace = z.object({ id: z.int(), name: z.string(), tags: z.array(z.string()), visited: z.iso.date().optional() }).meta({ id: 'SavedPlace' });

const Order = v.pipe(
  v.object({ item: v.pipe(v.string(), v.minLength(1)), qty: v.pipe(v.number(), v.integer(), v.minValue(1)), note: v.optional(v.string()) }),
  v.check((o) => o.item !== 'piano' || o.qty === 1, 'one piano at a time'),
  v.title('Order'),
);
const Receipt = v.pipe(v.object({ item: v.string(), qty: v.number(), total: v.number() }), v.title('Receipt'));

function app() {
  return root({
    webpath: 'ws',
    name: 'standard',
    controllers: {
      geo: controller({
        add: expose({ args: { p: Place }, returns: SavedPlace }, ({ p }) => ({ id: 7, name: p.name, tags: p.tags, visited: p.visited })),
      }),
      shop: controller({
        order: expose({ args: { o: Order }, returns: Receipt }, ({ o }) => ({ item: o.item, qty: o.qty, total: o.qty * 2.5 })),
      }),
    },
  });
}

const paris = { name: 'Paris', lat: 48.85, lon: 2.35, visited: '2024-05-01' };

describe('Standard Schemas over every protocol', () => {
  let running: Running;
  before(async () => {
    running = await serve(app(), { port: 0, host: '127.0.0.1' });
  });
  after(() => running.close());

  const post = async (path: string, body: unknown) => {
    const r = await fetch(`${running.url}/ws/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: r.status, body: (await r.json()) as Record<string, unknown> };
  };

  describe('REST+JSON', () => {
    it('calls the zod-declared function; the default the library fills reaches the handler', async () => {
      assert.deepEqual(await post('geo/add', { p: paris }), { status: 200, body: { id: 7, name: 'Paris', tags: [], visited: '2024-05-01' } });
    });
    it('calls the valibot-declared function', async () => {
      assert.deepEqual(await post('shop/order', { o: { item: 'tea', qty: 4 } }), { status: 200, body: { item: 'tea', qty: 4, total: 10 } });
    });
    it('refuses what the JSON Schema says (the model checks it) as a 400 fault', async () => {
      const r = await post('geo/add', { p: { ...paris, lat: 123 } });
      assert.equal(r.status, 400);
      assert.equal(r.body.faultcode, 'Client');
      assert.match(String(r.body.faultstring), /Invalid input for field\/attribute p\.lat\. Value: '123'/);
    });
    it('refuses what only the library knows (a refinement) the same way', async () => {
      const z1 = await post('geo/add', { p: { ...paris, name: 'Nowhere' } });
      assert.equal(z1.status, 400);
      assert.equal(z1.body.faultstring, "Invalid input for field/attribute p.name. Value: 'Nowhere'. Nowhere is not a place");
      const v1 = await post('shop/order', { o: { item: 'piano', qty: 2 } });
      assert.equal(v1.status, 400);
      assert.match(String(v1.body.faultstring), /^Invalid input for field\/attribute o\. .*one piano at a time$/);
    });
  });

  describe('SOAP', () => {
    let client: Client;
    let wsdl: string;
    before(async () => {
      wsdl = await (await fetch(`${running.url}/ws/api.wsdl`)).text();
      client = await createClientAsync(`${running.url}/ws/api.wsdl`);
    });
    const invoke = async (op: string, args: object): Promise<unknown> => {
      const [result] = (await (client[`${op}Async`] as (a: object) => Promise<unknown[]>).call(client, args)) as [unknown];
      return result;
    };
    const fault = async (op: string, args: object): Promise<Record<string, unknown>> => {
      try {
        await invoke(op, args);
      } catch (err) {
        const f = (err as { root?: { Envelope?: { Body?: { Fault?: Record<string, unknown> } } } }).root?.Envelope?.Body?.Fault;
        assert.ok(f, String(err));
        return f;
      }
      assert.fail(`${op} should have failed`);
    };

    it('shows the converted types in the WSDL', () => {
      assert.match(wsdl, /<xs:complexType name="Place">/);
      assert.match(wsdl, /<xs:element name="lat"[^>]*>\s*<xs:simpleType>\s*<xs:restriction base="xs:double">\s*<xs:minInclusive value="-90"\/>/);
      assert.match(wsdl, /<xs:element name="visited" minOccurs="0" type="xs:date"\/>/);
      assert.match(wsdl, /<xs:complexType name="Order">.*<xs:element name="qty"><xs:simpleType><xs:restriction base="xs:int"><xs:minInclusive value="1"\/>/);
      assert.match(wsdl, /<xs:complexType name="Receipt">/);
    });
    it('calls both functions through the client built from it', async () => {
      // The client reads an xs:date into a Date, and the empty list as null.
      assert.deepEqual(await invoke('geoAdd', { p: paris }), { result: { id: 7, name: 'Paris', tags: null, visited: new Date('2024-05-01T00:00:00Z') } });
      assert.deepEqual(await invoke('shopOrder', { o: { item: 'tea', qty: 2 } }), { result: { item: 'tea', qty: 2, total: 5 } });
    });
    it('answers bad input with a Client fault', async () => {
      const f = await fault('geoAdd', { p: { ...paris, name: 'Nowhere' } });
      assert.match(JSON.stringify(f), /Client/);
      assert.match(JSON.stringify(f), /Nowhere is not a place/);
      const g = await fault('shopOrder', { o: { item: 'tea', qty: 0 } });
      assert.match(JSON.stringify(g), /o\.qty/);
    });
  });

  describe('JSON-RPC', () => {
    let client: ReturnType<typeof jayson.Client.http>;
    before(() => {
      const { hostname, port } = new URL(running.url);
      client = jayson.Client.http({ hostname, port: Number(port), path: '/ws/jsonrpc' });
    });
    it('calls both functions', async () => {
      assert.deepEqual((await client.request('geo.add', { p: paris })).result, { id: 7, name: 'Paris', tags: [], visited: '2024-05-01' });
      assert.deepEqual((await client.request('shop.order', [{ item: 'tea', qty: 1 }])).result, { item: 'tea', qty: 1, total: 2.5 });
    });
    it('describes the converted types in rpc.discover (OpenRPC)', async () => {
      const doc = (await client.request('rpc.discover', [])).result as {
        components: { schemas: Record<string, { properties: Record<string, unknown>; required?: string[] }> };
      };
      const place = doc.components.schemas.Place;
      assert.ok(place, Object.keys(doc.components.schemas).join(', '));
      assert.deepEqual(place.properties.lat, { type: 'number', minimum: -90, maximum: 90 });
      assert.deepEqual(place.required, ['name', 'lat', 'lon']);
      assert.ok(doc.components.schemas.Order);
    });
    it('answers bad input, the model’s or the library’s, with Invalid params', async () => {
      const a = await client.request('geo.add', { p: { ...paris, lat: 'north' } });
      assert.equal(a.error?.code, -32602);
      const b = await client.request('shop.order', { o: { item: 'piano', qty: 3 } });
      assert.equal(b.error?.code, -32602);
      assert.match(b.error?.message ?? '', /one piano at a time/);
    });
  });
});

describe('a Standard Schema the model cannot represent', () => {
  const serveOne = (fn: FunctionDef) =>
    serve(root({ webpath: 'ws', name: 'bad', controllers: { geo: controller({ locate: fn }) } }), { port: 0, host: '127.0.0.1' });

  it('is a declaration error naming the function, the argument, the place and the construct', async () => {
    const fn = expose({ args: { at: z.object({ coords: z.tuple([z.number(), z.number()]) }) } }, ({ at }) => {
      void at.coords;
    });
    await assert.rejects(serveOne(fn), {
      name: 'DeclarationError',
      code: 'SB_DECL_UNREPRESENTABLE_SCHEMA',
      message: 'geo.locate: argument "at" (at .coords) is a zod schema Switchboard cannot represent: a tuple (a list whose items have different types)',
    });
  });

  it('names a result whose transform has no JSON Schema', async () => {
    const fn = expose(
      {
        returns: v.pipe(
          v.string(),
          v.transform((s) => s.length),
        ),
      },
      () => 3,
    );
    await assert.rejects(serveOne(fn), {
      code: 'SB_DECL_UNREPRESENTABLE_SCHEMA',
      message: 'geo.locate: the result is a valibot schema Switchboard cannot represent: The "transform" action cannot be converted to JSON Schema',
    });
  });
});

describe('Standard Schemas nested in t schemas', () => {
  // A t.complex with Zod and Valibot members, a t.array of Valibot emails: the formats reach the model's checks and the documents.
  const Contact = t.complex(
    'Contact',
    {
      name: t.string(),
      emails: t.array(v.pipe(v.string(), v.email())),
      id: z.uuid(),
      seen: z.iso.datetime({ offset: true }),
      at: z.iso.time({ precision: 0 }),
      address: z.object({ city: z.string().min(1) }),
    },
    { mandatory: ['name', 'emails', 'id'] },
  );
  let running: Running;
  before(async () => {
    const fn = expose({ args: { c: Contact }, returns: t.array(z.email()) }, ({ c }) => {
      // Inferred from the nested schemas, no casts: a list of strings, a string, an object with a city.
      const emails: string[] = c.emails;
      const id: string = c.id;
      const city: string | undefined = c.address?.city;
      return [...emails, `${id}@${city ?? 'nowhere'}.example`];
    });
    running = await serve(root({ webpath: 'ws', name: 'nested', controllers: { book: controller({ add: fn }) } }), { port: 0, host: '127.0.0.1' });
  });
  after(() => running.close());

  const add = (c: unknown) =>
    fetch(`${running.url}/ws/book/add`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ c }) });
  const ada = {
    name: 'Ada',
    emails: ['ada@example.org'],
    id: '9b2e4c1a-3f5d-4e6b-8a7c-1d2e3f4a5b6c',
    seen: '2025-01-02T03:04:05+01:00',
    at: '10:30:00',
    address: { city: 'London' },
  };

  it('calls with the nested values checked by the model', async () => {
    const r = await add(ada);
    assert.equal(r.status, 200);
    assert.deepEqual(await r.json(), ['ada@example.org', '9b2e4c1a-3f5d-4e6b-8a7c-1d2e3f4a5b6c@London.example']);
  });

  it('refuses a nested value its format or bound forbids, naming where', async () => {
    for (const [bad, where] of [
      [{ ...ada, emails: ['not an email'] }, 'c.emails[0]'],
      [{ ...ada, id: 'nope' }, 'c.id'],
      [{ ...ada, seen: 'yesterday' }, 'c.seen'],
      [{ ...ada, at: '10:30' }, 'c.at'],
      [{ ...ada, address: { city: '' } }, 'c.address.city'],
    ] as const) {
      const r = await add(bad);
      assert.equal(r.status, 400, JSON.stringify(bad));
      assert.match(JSON.stringify(await r.json()), new RegExp(where.replace(/[.[\]]/g, '\\$&')));
    }
  });

  it('says the formats in OpenAPI: email, uuid, date-time; the time by its pattern; the object a named type', async () => {
    const doc = (await (await fetch(`${running.url}/ws/openapi.json`)).json()) as {
      components: { schemas: Record<string, { properties: Record<string, Record<string, unknown>> }> };
    };
    const props = doc.components.schemas.Contact!.properties;
    assert.equal((props.emails!.items as { format?: string }).format, 'email');
    assert.equal(props.id!.format, 'uuid');
    assert.equal(props.seen!.format, 'date-time');
    assert.equal(typeof props.at!.pattern, 'string');
    assert.deepEqual(props.address, { $ref: '#/components/schemas/ContactAddress' });
  });

  it('a nested schema the model cannot represent is a declaration error naming the place and the construct', async () => {
    const bad = (args: Record<string, TSchema>) =>
      serve(root({ webpath: 'ws', name: 'bad', controllers: { geo: controller({ locate: expose({ args }, () => 1) }) } }), { port: 0, host: '127.0.0.1' });
    await assert.rejects(bad({ at: t.complex('At', { coords: z.tuple([z.number(), z.number()]) }) }), {
      code: 'SB_DECL_UNREPRESENTABLE_SCHEMA',
      message: 'geo.locate: argument "at".coords is a zod schema Switchboard cannot represent: a tuple (a list whose items have different types)',
    });
    // A transform nested in a t schema: its result would be the library's, which runs only on a whole argument.
    await assert.rejects(bad({ ns: t.array(z.string().transform(Number)) }), {
      code: 'SB_DECL_UNREPRESENTABLE_SCHEMA',
      message: /^geo\.locate: argument "ns"\[\] is a zod schema Switchboard cannot represent: Transforms cannot be represented in JSON Schema/,
    });
  });
});
