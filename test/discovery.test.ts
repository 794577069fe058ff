// Google API discovery for an endpoint under /_ah/api/: the directory and the REST description,
// read by a real discovery client — googleapis-common builds a client from the served document
// and calls the endpoint's methods with and without a bearer token (an OAuth2Client's).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Discovery, type Endpoint, OAuth2Client } from 'googleapis-common';
import { personsRoot } from '../examples/persons/app.ts';
import { type Running, api, controller, createApp, expose, serve, t } from '../src/index.ts';
import { discoveryDocument } from '../src/protocols/discovery/document.ts';
import { FERRIS_TOKEN, ferrisApi } from './helpers/ferris-api.ts';
import { call } from './helpers/http.ts';

type Method = (params: Record<string, unknown>) => Promise<{ status: number; data: unknown }>;
/** The generated client's methods, as googleapis-common builds them (typed `any` there). */
type Posts = { posts: Record<'list' | 'get' | 'insert' | 'delete', Method> };
type GaxiosFailure = { status?: number; response?: { data?: { code?: string; faultstring?: string } } };

/** The failure a call rejects with (a GaxiosError), for its status and body. */
async function failure(p: Promise<unknown>): Promise<GaxiosFailure> {
  try {
    await p;
  } catch (err) {
    return err as GaxiosFailure;
  }
  assert.fail('the call succeeded');
}

describe('Google discovery at /_ah/api/discovery/v1/', () => {
  let running: Running;
  let root: string;
  before(async () => {
    running = await serve([personsRoot(), ferrisApi()], { port: 0, host: '127.0.0.1' });
    root = `${running.url}/_ah/api/`;
  });
  after(() => running.close());

  it('lists the endpoints below /_ah/api/ in the directory (not the others)', async () => {
    const a = await call(`${root}discovery/v1/apis`);
    assert.equal(a.status, 200);
    assert.deepEqual(a.json, {
      kind: 'discovery#directoryList',
      discoveryVersion: 'v1',
      items: [
        {
          kind: 'discovery#directoryItem',
          id: 'ferris:v1',
          name: 'ferris',
          version: 'v1',
          title: 'ferris',
          discoveryRestUrl: `${root}discovery/v1/apis/ferris/v1/rest`,
          discoveryLink: './apis/ferris/v1/rest',
          preferred: true,
          description: 'Posts, as a Ferris 3 endpoint serves them.',
        },
      ],
    });
  });

  it('describes the endpoint as Cloud Endpoints does: root URL, service path, resources, methods, schemas, scopes', async () => {
    // biome-ignore lint/suspicious/noExplicitAny: the document is walked freely and compared
    const doc = (await call(`${root}discovery/v1/apis/ferris/v1/rest`)).json as Record<string, any>;
    assert.equal(doc.kind, 'discovery#restDescription');
    assert.equal(doc.id, 'ferris:v1');
    assert.equal(doc.rootUrl, root);
    assert.equal(doc.servicePath, 'ferris/v1/');
    assert.deepEqual(Object.keys(doc.resources.posts.methods), ['list', 'get', 'insert', 'delete']);
    const { get, insert, list } = doc.resources.posts.methods;
    assert.deepEqual(get, {
      id: 'ferris.posts.get',
      path: 'posts/{id}',
      flatPath: 'posts/{id}',
      httpMethod: 'GET',
      parameters: { id: { type: 'string', format: 'int64', location: 'path', required: true } },
      parameterOrder: ['id'],
      response: { $ref: 'Post' },
      scopes: ['https://www.googleapis.com/auth/userinfo.email'],
    });
    assert.deepEqual(insert.request, { $ref: 'Post', parameterName: 'resource' });
    assert.equal(list.scopes, undefined);
    assert.deepEqual(list.parameters.limit, { type: 'integer', format: 'int32', location: 'query', default: '10' });
    assert.deepEqual(doc.schemas.Post.properties.id, { type: 'string', format: 'int64' });
    assert.deepEqual(doc.schemas.Post.properties.published, { type: 'string', format: 'date' });
    assert.deepEqual(doc.auth, { oauth2: { scopes: { 'https://www.googleapis.com/auth/userinfo.email': { description: 'View your email address' } } } });
  });

  it('answers an unknown API with 404 and other verbs with 405', async () => {
    const missing = await call(`${root}discovery/v1/apis/nope/v1/rest`);
    assert.equal(missing.status, 404);
    assert.equal((missing.json as { code: string }).code, 'SB_NOT_FOUND');
    const posted = await call(`${root}discovery/v1/apis`, { method: 'POST' });
    assert.equal(posted.status, 405);
    assert.equal(posted.headers.get('allow'), 'GET, HEAD');
  });

  it('builds a googleapis-common client that calls the methods, with and without a token', async () => {
    const make = await new Discovery({}).discoverAPI(`${root}discovery/v1/apis/ferris/v1/rest`);
    const anonymous = make({}, {}) as Endpoint & Posts;
    // int64 is a JSON string on the wire, as the document says (and Cloud Endpoints sends).
    assert.deepEqual((await anonymous.posts.list({})).data, [{ id: '1', title: 'Hello', content: 'First post', published: '2024-01-02' }]);
    assert.deepEqual((await anonymous.posts.get({ id: '1' })).data, { id: '1', title: 'Hello', content: 'First post', published: '2024-01-02' });
    const refused = await failure(anonymous.posts.insert({ requestBody: { title: 'New' } }));
    assert.equal(refused.status, 401);
    assert.equal(refused.response?.data?.faultstring, 'A bearer token is needed');
    const notFound = await failure(anonymous.posts.get({ id: '99' }));
    assert.equal(notFound.status, 404);

    const auth = new OAuth2Client();
    auth.setCredentials({ access_token: FERRIS_TOKEN });
    const signed = make({ auth }, {}) as Endpoint & Posts;
    const created = await signed.posts.insert({ requestBody: { title: 'New', content: 'Second' } });
    assert.deepEqual(created.data, { id: '2', title: 'New', content: 'Second (by alice@example.com)' });
    assert.equal((await signed.posts.delete({ id: '2' })).status, 204);
    assert.deepEqual(((await anonymous.posts.list({ limit: 5 })).data as unknown[]).length, 1);

    const forged = new OAuth2Client();
    forged.setCredentials({ access_token: 'forged' });
    const rejected = await failure((make({ auth: forged }, {}) as Endpoint & Posts).posts.delete({ id: '1' }));
    assert.equal(rejected.status, 401);
  });

  it('declares Google’s standard query parameters, and the server accepts them on every method', async () => {
    // biome-ignore lint/suspicious/noExplicitAny: the document is walked freely
    const doc = (await call(`${root}discovery/v1/apis/ferris/v1/rest`)).json as Record<string, any>;
    assert.deepEqual(Object.keys(doc.parameters), ['alt', 'fields', 'key', 'prettyPrint', 'quotaUser', 'userIp']);
    assert.deepEqual(doc.parameters.prettyPrint, {
      type: 'boolean',
      description: 'Returns response with indentations and line breaks.',
      default: 'false',
      location: 'query',
    });
    const make = await new Discovery({}).discoverAPI(`${root}discovery/v1/apis/ferris/v1/rest`);
    const anonymous = make({}, {}) as Endpoint & Posts;
    const listed = await anonymous.posts.list({ limit: 1, prettyPrint: false, fields: 'id,title', key: 'AIza-test', quotaUser: 'u1', alt: 'json' });
    assert.equal(listed.status, 200);
    assert.equal((listed.data as unknown[]).length, 1);
    const one = await call(`${root}ferris/v1/posts/1?prettyPrint=true&quotaUser=x&userIp=127.0.0.1`);
    assert.equal(one.status, 200);
    // A WSME API keeps refusing what is no argument of its functions.
    const wsme = await call(`${running.url}/ws/person/get?id=1&prettyPrint=true`);
    assert.equal(wsme.status, 400);
    assert.equal((wsme.json as { code: string }).code, 'SB_UNKNOWN_ARGUMENT');
  });

  it('honours fields (a partial response) and prettyPrint, through the generated client too', async () => {
    const make = await new Discovery({}).discoverAPI(`${root}discovery/v1/apis/ferris/v1/rest`);
    const anonymous = make({}, {}) as Endpoint & Posts;
    const listed = await anonymous.posts.list({ limit: 1, fields: 'id,title' });
    assert.deepEqual(listed.data, [{ id: '1', title: 'Hello' }]);
    const one = await call(`${root}ferris/v1/posts/1?fields=title,published&prettyPrint=true`);
    assert.equal(one.status, 200);
    assert.equal(one.text, '{\n  "title": "Hello",\n  "published": "2024-01-02"\n}');
    assert.equal((await call(`${root}ferris/v1/posts/1?prettyPrint=false`)).text, '{"id":"1","title":"Hello","content":"First post","published":"2024-01-02"}');
    // A selector that does not parse is refused before the function runs: nothing is created.
    const bad = await call(`${root}ferris/v1/posts?fields=id(title`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${FERRIS_TOKEN}` },
      body: JSON.stringify({ title: 'Never' }),
    });
    assert.equal(bad.status, 400);
    assert.deepEqual(
      { code: (bad.json as { code: string }).code, faultstring: (bad.json as { faultstring: string }).faultstring },
      { code: 'SB_BAD_FIELD_SELECTION', faultstring: 'Invalid field selection: a "(" is not closed' },
    );
    assert.deepEqual(((await anonymous.posts.list({ limit: 10, fields: 'title' })).data as unknown[]).length, 1);
    assert.equal((await call(`${root}ferris/v1/posts/1?prettyPrint=maybe`)).status, 400);
  });

  it('leaves out, on purpose, exactly the streams and the functions with header arguments', async () => {
    const app = createApp(
      api({
        name: 'mixed',
        version: 'v1',
        basePath: '/_ah/api/mixed/v1',
        controllers: {
          things: controller({
            plain: expose({ args: { n: t.integer() }, returns: t.integer(), method: 'GET' }, ({ n }) => n),
            watch: expose({ returns: t.integer(), stream: true }, async function* () {
              yield 1;
            }),
            traced: expose({ args: { trace: t.string() }, returns: t.string(), in: { trace: { header: 'x-trace' } } }, ({ trace }) => trace),
          }),
        },
      }),
    );
    const doc = discoveryDocument(app.api, { rootUrl: 'http://h/_ah/api/', servicePath: 'mixed/v1/' }) as { resources: { things: { methods: object } } };
    assert.deepEqual(Object.keys(doc.resources.things.methods), ['plain']);
  });

  it('lets discoverAllAPIs find the endpoint from the directory', async () => {
    const all = (await new Discovery({}).discoverAllAPIs(`${root}discovery/v1/apis`)) as unknown as Record<string, (version: string) => Posts>;
    assert.equal(((await all.ferris!('v1').posts.list({})).data as unknown[]).length, 1);
  });
});

describe('int64 through a discovery client', () => {
  let running: Running;
  before(async () => {
    const Pair = t.complex('Pair', { n: t.int64(), label: t.string() }, { mandatory: ['n', 'label'] });
    const numbers = api({
      name: 'numbers',
      version: 'v1',
      basePath: '/_ah/api/numbers/v1',
      controllers: {
        numbers: controller({
          echo: expose({ args: { n: t.int64() }, returns: Pair, method: 'GET', path: 'echo' }, ({ n }) => ({ n, label: `${n}` })),
          next: expose({ args: { pair: Pair }, returns: Pair, method: 'POST', path: 'next', in: { pair: 'body' } }, ({ pair }) => ({
            n: pair.n + 1n,
            label: pair.label,
          })),
        }),
      },
    });
    running = await serve(numbers, { port: 0, host: '127.0.0.1' });
  });
  after(() => running.close());

  it('keeps an int64 above 2^53 exact both ways, a JSON string as the document says', async () => {
    const root = `${running.url}/_ah/api/`;
    const doc = (await call(`${root}discovery/v1/apis/numbers/v1/rest`)).json as { schemas: { Pair: { properties: { n: unknown } } } };
    assert.deepEqual(doc.schemas.Pair.properties.n, { type: 'string', format: 'int64', required: true });
    const make = await new Discovery({}).discoverAPI(`${root}discovery/v1/apis/numbers/v1/rest`);
    const c = make({}, {}) as unknown as { numbers: Record<'echo' | 'next', Method> };
    const big = '9007199254740993'; // 2^53 + 1: as a JSON number, a JavaScript reader makes it ...992
    assert.deepEqual((await c.numbers.echo({ n: big })).data, { n: big, label: big });
    assert.deepEqual((await c.numbers.next({ requestBody: { n: big, label: 'x' } })).data, { n: '9007199254740994', label: 'x' });
    // A number is still read (exactly) in a request.
    const raw = await call(`${root}numbers/v1/numbers/next`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"n": 9007199254740993, "label": "y"}',
    });
    assert.equal(raw.text, '{"n":"9007199254740994","label":"y"}');
  });
});

describe('Google discovery for an app without endpoints', () => {
  let running: Running;
  before(async () => {
    running = await serve(personsRoot(), { port: 0, host: '127.0.0.1' });
  });
  after(() => running.close());

  it('is not served', async () => {
    assert.equal((await call(`${running.url}/_ah/api/discovery/v1/apis`)).status, 404);
  });
});
