import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { api } from '../api/api.ts';
import { controller } from '../api/controller.ts';
import { expose } from '../api/expose.ts';
import type { SbRequest, SbResponse } from '../runtime/http.ts';
import { t } from '../schema/types.ts';
import { createApp } from './app.ts';
import type { CorsOptions } from './cors.ts';

const people = api({
  name: 'people',
  basePath: '/api',
  controllers: {
    person: controller({
      get: expose({ args: { id: t.integer() }, returns: t.string(), method: 'GET' }, ({ id }) => `p${id}`),
      save: expose({ args: { name: t.string() }, returns: t.string(), method: ['POST', 'PUT'] }, ({ name }) => name),
    }),
  },
});

const A = 'http://a.test';
const B = 'http://b.test';

/** A request without a body, as a server adapter would hand it over. */
function request(path: string, method: string, headers: Record<string, string>): SbRequest {
  const q = path.indexOf('?');
  return {
    method,
    path: q < 0 ? path : path.slice(0, q),
    query: q < 0 ? '' : path.slice(q + 1),
    header: (name) => headers[name],
    remoteAddress: '127.0.0.1',
    signal: new AbortController().signal,
    hasBody: false,
    body: () => Promise.resolve(new Uint8Array()),
  };
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  json(): unknown;
}

function app(cors?: CorsOptions) {
  const a = createApp(people, { cors });
  return async (path: string, init: { method?: string; headers?: Record<string, string> } = {}): Promise<Answer> => {
    const res: SbResponse = await a.handle(request(path, init.method ?? 'GET', init.headers ?? {}));
    return { status: res.status, headers: res.headers, json: () => JSON.parse(String(res.body)) };
  };
}

const preflight = (method: string, origin = A, headers: Record<string, string> = {}) => ({
  method: 'OPTIONS',
  headers: { origin, 'access-control-request-method': method, ...headers },
});

/** The response's CORS headers (and Vary, Allow). */
function corsHeaders(res: Answer): Record<string, string> {
  return Object.fromEntries(Object.entries(res.headers).filter(([k]) => k.startsWith('access-control-') || k === 'vary' || k === 'allow'));
}

describe('protocols/cors', () => {
  it('without the option: no CORS header anywhere, preflights are the 405 they always were', async () => {
    const call = app();
    const res = await call('/api/person/get?id=1', { headers: { origin: A } });
    assert.deepEqual(corsHeaders(res), {});
    const pre = await call('/api/person/get', preflight('GET'));
    assert.equal(pre.status, 405);
    assert.deepEqual(corsHeaders(pre), { allow: 'GET, HEAD' });
  });

  it("a preflight is answered from the route table: the route's Allow, the methods among them, the asked headers, max-age", async () => {
    const call = app({ origin: [A], maxAge: 600, credentials: true });
    const res = await call('/api/person/save', preflight('PUT', A, { 'access-control-request-headers': 'content-type, x-request-id' }));
    assert.equal(res.status, 204);
    assert.deepEqual(corsHeaders(res), {
      allow: 'POST, PUT',
      'access-control-allow-origin': A,
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'POST, PUT',
      'access-control-allow-headers': 'content-type, x-request-id',
      'access-control-max-age': '600',
      vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
    });
    // No route, no preflight: the 404 as it is.
    assert.equal((await call('/api/nothing', preflight('GET'))).status, 404);
  });

  it("every protocol's path answers a preflight from its route table; SOAP's endpoint (the base path) too", async () => {
    const call = app({ origin: [A] });
    const allowed = async (path: string) => {
      const res = await call(path, preflight('POST', A, { 'access-control-request-headers': 'content-type, soapaction' }));
      return [res.status, res.headers.allow, res.headers['access-control-allow-methods'], res.headers['access-control-allow-origin']];
    };
    assert.deepEqual(await allowed('/api'), [204, 'POST', 'POST', A]);
    assert.deepEqual(await allowed('/api/'), [204, 'POST', 'POST', A]);
    assert.deepEqual(await allowed('/api/jsonrpc'), [204, 'POST', 'POST', A]);
    assert.deepEqual(await allowed('/api/extdirect/router'), [204, 'POST', 'POST', A]);
    assert.deepEqual(await allowed('/api/api.wsdl'), [204, 'GET, HEAD', 'GET, HEAD', A]);
    assert.deepEqual(await allowed('/api/person/save'), [204, 'POST, PUT', 'POST, PUT', A]);
    // Without CORS, OPTIONS at the base path is SOAP's 405 with its Allow, not a 404.
    const plain = await app()('/api', { method: 'OPTIONS' });
    assert.deepEqual([plain.status, plain.headers.allow], [405, 'POST']);
  });

  it('configured methods and headers narrow what a preflight allows', async () => {
    const call = app({ origin: A, methods: ['GET', 'POST'], allowedHeaders: ['content-type'] });
    const res = await call('/api/person/save', preflight('PUT', A, { 'access-control-request-headers': 'x-other' }));
    assert.equal(res.headers['access-control-allow-methods'], 'POST');
    assert.equal(res.headers['access-control-allow-headers'], 'content-type');
  });

  it('calls from an allowed origin get the headers; others get none; a function decides too', async () => {
    const call = app({ origin: (o) => o.endsWith('.a.test') || o === A, exposedHeaders: ['x-request-id'] });
    const ok = await call('/api/person/get?id=2', { headers: { origin: 'http://x.a.test' } });
    assert.equal(ok.json(), 'p2');
    assert.deepEqual(corsHeaders(ok), { 'access-control-allow-origin': 'http://x.a.test', 'access-control-expose-headers': 'x-request-id', vary: 'Origin' });
    const no = await call('/api/person/get?id=2', { headers: { origin: B } });
    assert.equal(no.status, 200);
    assert.deepEqual(corsHeaders(no), { vary: 'Origin' });
    const pre = await call('/api/person/get', preflight('GET', B));
    assert.equal(pre.status, 204);
    assert.equal(pre.headers['access-control-allow-origin'], undefined);
  });

  it("'*' answers '*' without Vary; with credentials it names the origin", async () => {
    const open = await app({ origin: '*' })('/api/person/get?id=1', { headers: { origin: B } });
    assert.deepEqual(corsHeaders(open), { 'access-control-allow-origin': '*' });
    const cred = await app({ origin: '*', credentials: true })('/api/person/get?id=1', { headers: { origin: B } });
    assert.deepEqual(corsHeaders(cred), { 'access-control-allow-origin': B, 'access-control-allow-credentials': 'true', vary: 'Origin' });
  });
});
