// The error model end to end: the stable code and a validation fault's field errors in every
// protocol's fault, WWW-Authenticate on unauthenticated HTTP faults, and the 409/412/429 kinds.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ClientError, type Running, compileApi, controller, expose, extdirect, jsonrpc, root, sbError, serve } from '../src/index.ts';
import { call, postJson } from './helpers/http.ts';
import { envelope, soapPost } from './interop/soap-http.ts';

const CHALLENGE = 'Bearer error="invalid_token", error_description="The token expired"';
const FIELDS = [
  { path: 'p.age', message: 'expected an integer' },
  { path: 'p.hobbies[2]', message: 'expected a string' },
];

function faultsRoot() {
  return root({
    webpath: 'api',
    name: 'faults',
    controllers: {
      auth: controller({
        missing: expose({}, () => {
          throw sbError('SB_UNAUTHENTICATED');
        }),
        expired: expose({}, () => {
          throw new ClientError('The token expired', { status: 401, challenge: CHALLENGE });
        }),
        scope: expose({}, () => {
          throw new ClientError('Needs the admin scope', { status: 403, challenge: 'Bearer error="insufficient_scope", scope="admin"' });
        }),
      }),
      v: controller({
        invalid: expose({}, () => {
          throw sbError('SB_INVALID_INPUT', { name: 'p.age', value: 'x', reason: 'expected an integer' }, undefined, { fields: FIELDS });
        }),
        many: expose({}, () => {
          throw new ClientError('Too many mistakes', { fields: Array.from({ length: 50 }, (_, i) => ({ path: `v[${i}]`, message: 'm' })) });
        }),
        conflict: expose({}, () => {
          throw sbError('SB_CONFLICT', { target: 'person 7', reason: 'a person with this id exists' });
        }),
        stale: expose({}, () => {
          throw sbError('SB_PRECONDITION_FAILED', { target: 'person 7', condition: 'If-Match "v3"' });
        }),
        limited: expose({}, () => {
          throw sbError('SB_TOO_MANY_REQUESTS', { limit: 100, window: 'minute' });
        }),
      }),
    },
  });
}

describe('faults: code, fields and challenges in every protocol', () => {
  let running: Running;
  let api: string;
  before(async () => {
    running = await serve(faultsRoot(), { port: 0, host: '127.0.0.1' });
    api = `${running.url}/api`;
  });
  after(() => running.close());

  it('REST+JSON: an unknown path is 404 with "code":"SB_NOT_FOUND"', async () => {
    const r = await call(`${api}/nothing/here`);
    assert.equal(r.status, 404);
    assert.match(r.text, /"code":"SB_NOT_FOUND"/);
    assert.equal(r.headers.get('www-authenticate'), null);
  });

  it('REST+JSON: 401 with WWW-Authenticate, Bearer by default or the thrower’s challenge', async () => {
    const missing = await call(`${api}/auth/missing`);
    assert.deepEqual(
      [missing.status, missing.headers.get('www-authenticate'), missing.json],
      [401, 'Bearer', { faultcode: 'Client', faultstring: 'Authentication required', debuginfo: null, code: 'SB_UNAUTHENTICATED' }],
    );
    const expired = await call(`${api}/auth/expired`);
    assert.deepEqual([expired.status, expired.headers.get('www-authenticate')], [401, CHALLENGE]);
    const scope = await call(`${api}/auth/scope`);
    assert.deepEqual([scope.status, scope.headers.get('www-authenticate')], [403, 'Bearer error="insufficient_scope", scope="admin"']);
  });

  it('REST+XML: 401 with WWW-Authenticate and <code>', async () => {
    const r = await call(`${api}/auth/expired.xml`);
    assert.deepEqual([r.status, r.headers.get('www-authenticate')], [401, CHALLENGE]);
    assert.equal(r.text, '<error><faultcode>Client</faultcode><faultstring>The token expired</faultstring><debuginfo/><code>SB_CLIENT_ERROR</code></error>');
  });

  it('REST: 409, 412 and 429 have their statuses and codes', async () => {
    for (const [fn, status, code] of [
      ['conflict', 409, 'SB_CONFLICT'],
      ['stale', 412, 'SB_PRECONDITION_FAILED'],
      ['limited', 429, 'SB_TOO_MANY_REQUESTS'],
    ] as const) {
      const r = await call(`${api}/v/${fn}`);
      assert.deepEqual([r.status, (r.json as { code: string }).code], [status, code], fn);
    }
  });

  it('REST+JSON and REST+XML list field errors, at most 20', async () => {
    const json = await call(`${api}/v/invalid`);
    assert.deepEqual(json.json, {
      faultcode: 'Client',
      faultstring: "Invalid input for field/attribute p.age. Value: 'x'. expected an integer",
      debuginfo: null,
      code: 'SB_INVALID_INPUT',
      fields: FIELDS,
    });
    assert.equal(((await call(`${api}/v/many`)).json as { fields: unknown[] }).fields.length, 20);
    const xml = await call(`${api}/v/invalid.xml`);
    assert.match(
      xml.text,
      /<code>SB_INVALID_INPUT<\/code><fields><field path="p\.age">expected an integer<\/field><field path="p\.hobbies\[2\]">expected a string<\/field><\/fields><\/error>$/,
    );
  });

  it('SOAP 1.1 and 1.2: the code and fields in the detail entry, WWW-Authenticate on the 401', async () => {
    for (const version of ['1.1', '1.2'] as const) {
      const denied = await fetch(`${api}`, {
        method: 'POST',
        headers:
          version === '1.1' ? { 'content-type': 'text/xml; charset=utf-8', soapaction: '""' } : { 'content-type': 'application/soap+xml; charset=utf-8' },
        body: envelope(version, '<authExpired xmlns="urn:faults:types"/>'),
      });
      assert.deepEqual([denied.status, denied.headers.get('www-authenticate')], [401, CHALLENGE], version);
      assert.match(await denied.text(), /<sb:fault xmlns:sb="urn:switchboard:fault"><sb:code>SB_CLIENT_ERROR<\/sb:code><\/sb:fault>/);
      const invalid = await soapPost(api, version, envelope(version, '<vInvalid xmlns="urn:faults:types"/>'));
      assert.match(
        invalid.text,
        /<sb:code>SB_INVALID_INPUT<\/sb:code><sb:fields><sb:field path="p\.age">expected an integer<\/sb:field><sb:field path="p\.hobbies\[2\]">expected a string<\/sb:field><\/sb:fields><\/sb:fault>/,
      );
    }
  });

  it('JSON-RPC: the code and fields in error.data (HTTP 200, so no challenge)', async () => {
    const a = await postJson(`${api}/jsonrpc`, { jsonrpc: '2.0', method: 'v.invalid', id: 1 });
    assert.deepEqual(a.json, {
      jsonrpc: '2.0',
      error: {
        code: -32000,
        message: "Invalid input for field/attribute p.age. Value: 'x'. expected an integer",
        data: { faultcode: 'Client', code: 'SB_INVALID_INPUT', fields: FIELDS },
      },
      id: 1,
    });
    const denied = await postJson(`${api}/jsonrpc`, { jsonrpc: '2.0', method: 'auth.missing', id: 2 });
    assert.equal(denied.status, 200);
    assert.deepEqual((denied.json as { error: unknown }).error, {
      code: -32001,
      message: 'Authentication required',
      data: { faultcode: 'Client', code: 'SB_UNAUTHENTICATED' },
    });
  });

  it('Ext Direct: the code and fields in the exception message', async () => {
    const a = await postJson(`${api}/extdirect/router`, { action: 'v', method: 'invalid', data: null, type: 'rpc', tid: 1 });
    assert.deepEqual(a.json, {
      type: 'exception',
      tid: 1,
      action: 'v',
      method: 'invalid',
      message: "Invalid input for field/attribute p.age. Value: 'x'. expected an integer",
      faultcode: 'Client',
      code: 'SB_INVALID_INPUT',
      fields: FIELDS,
    });
  });

  it('JSON-RPC and Ext Direct answers with the error’s HTTP status carry its challenge', () => {
    const compiled = compileApi(faultsRoot());
    const env = { bodyLimit: 1024 };
    for (const p of [jsonrpc(), extdirect()]) {
      const r = p.bind(compiled, env).fault(sbError('SB_UNAUTHENTICATED'));
      assert.deepEqual([r.status, r.headers['www-authenticate']], [401, 'Bearer'], p.name);
      assert.match(String(r.body), /"code":"SB_UNAUTHENTICATED"/, p.name);
      assert.equal(p.bind(compiled, env).fault(sbError('SB_NOT_FOUND', { path: 'x' })).headers['www-authenticate'], undefined, p.name);
    }
  });
});
