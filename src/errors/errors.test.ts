import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { catalog, formatMessage } from './catalog.ts';
import { ClientError, NotFoundError, SwitchboardError, debugInfo, sbError, toSwitchboardError } from './errors.ts';
import { errorKinds } from './kinds.ts';

describe('catalogued errors', () => {
  test('WSME messages', () => {
    assert.equal(sbError('SB_MISSING_ARGUMENT', { name: 'id' }).message, 'Missing argument: "id"');
    assert.equal(sbError('SB_UNKNOWN_ARGUMENT', { name: 'x' }).message, 'Unknown argument: "x"');
    assert.equal(sbError('SB_DUPLICATE_ARGUMENT', { name: 'id' }).message, 'Parameter id was given several times');
    assert.equal(
      sbError('SB_INVALID_INPUT', { name: 'id', value: 'abc', reason: 'unable to convert to int' }).message,
      "Invalid input for field/attribute id. Value: 'abc'. unable to convert to int",
    );
    assert.equal(sbError('SB_INVALID_JSON').message, 'Request is not in valid JSON format');
    assert.equal(sbError('SB_UNKNOWN_ATTRIBUTE', { name: 'p', attributes: 'x' }).message, 'Unknown attribute for argument p: x');
    assert.equal(sbError('SB_UNKNOWN_ATTRIBUTES', { name: 'p', attributes: 'x, y' }).message, 'Unknown attributes for argument p: x, y');
  });
  test('kind, code, status and params', () => {
    const e = sbError('SB_MISSING_ARGUMENT', { name: 'id' });
    assert.ok(e instanceof SwitchboardError);
    assert.ok(e instanceof Error);
    assert.equal(e.code, 'SB_MISSING_ARGUMENT');
    assert.equal(e.kind, 'client');
    assert.equal(e.status, 400);
    assert.equal(e.isClient, true);
    assert.deepEqual(e.params, { name: 'id' });
    assert.equal(sbError('SB_NOT_FOUND', { path: '/x' }).status, 404);
    assert.equal(sbError('SB_SERVER_ERROR').isClient, false);
    assert.equal(sbError('SB_CLIENT_ERROR', { message: 'm' }, 422).status, 422);
  });
  test('every catalogue status is its kind’s, every template fills', () => {
    for (const [code, entry] of Object.entries(catalog)) {
      assert.ok(errorKinds[entry.kind], code);
      const names = [...entry.template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const params = Object.fromEntries(names.map((n) => [n, `<${n}>`]));
      const message = formatMessage(code as keyof typeof catalog, params);
      assert.ok(!/\{\w+\}/.test(message), `${code}: ${message}`);
    }
  });
  test('missing template parameters read as empty, not "undefined"', () => {
    assert.equal(formatMessage('SB_MISSING_ARGUMENT', {}), 'Missing argument: ""');
  });
});

describe('ClientError', () => {
  test('a 400 Client fault by default', () => {
    const e = new ClientError('id is missing');
    assert.ok(e instanceof SwitchboardError);
    assert.equal(e.message, 'id is missing');
    assert.equal(e.status, 400);
    assert.equal(e.kind, 'client');
    assert.equal(e.code, 'SB_CLIENT_ERROR');
    assert.equal(e.isClient, true);
  });
  test('other 4xx statuses map to their kinds', () => {
    assert.equal(new ClientError('x', { status: 404 }).kind, 'not_found');
    assert.equal(new ClientError('x', { status: 401 }).kind, 'unauthenticated');
    assert.equal(new ClientError('x', { status: 403 }).kind, 'forbidden');
    assert.equal(new ClientError('x', { status: 409 }).kind, 'conflict');
    assert.equal(new ClientError('x', { status: 412 }).kind, 'precondition_failed');
    assert.equal(new ClientError('x', { status: 429 }).kind, 'too_many_requests');
    assert.equal(new ClientError('x', { status: 413 }).kind, 'too_large');
    const unprocessable = new ClientError('x', { status: 422, code: 'APP_BAD' });
    assert.equal(unprocessable.kind, 'client');
    assert.equal(unprocessable.status, 422);
    assert.equal(unprocessable.code, 'APP_BAD');
  });
  test('a non-4xx status cannot make a client fault look like something else', () => {
    assert.equal(new ClientError('x', { status: 500 }).status, 400);
    assert.equal(new ClientError('x', { status: 200 }).status, 400);
    assert.equal(new ClientError('x', { status: 404.5 }).status, 400);
  });
  test('NotFoundError is 404', () => {
    const e = new NotFoundError('Unknown ID');
    assert.ok(e instanceof ClientError);
    assert.equal(e.status, 404);
    assert.equal(e.kind, 'not_found');
  });
  test('a brand-alike from another copy of the package is still a SwitchboardError', () => {
    const foreign = { [Symbol.for('switchboard.error')]: true, kind: 'client', message: 'm' };
    assert.ok(foreign instanceof SwitchboardError);
    assert.ok(!(new Error('x') instanceof SwitchboardError));
  });
});

describe('challenge and fields', () => {
  test('an unauthenticated error challenges for a Bearer token unless the thrower says otherwise', () => {
    assert.equal(sbError('SB_UNAUTHENTICATED').challenge, 'Bearer');
    assert.equal(new ClientError('x', { status: 401 }).challenge, 'Bearer');
    const own = 'Bearer error="invalid_token", error_description="The token expired"';
    assert.equal(new ClientError('The token expired', { status: 401, challenge: own }).challenge, own);
    assert.equal(sbError('SB_UNAUTHENTICATED', {}, undefined, { challenge: 'Basic realm="api"' }).challenge, 'Basic realm="api"');
  });
  test('other kinds carry no challenge, unless given one (a 403 with insufficient_scope)', () => {
    assert.equal(new ClientError('x').challenge, undefined);
    assert.equal(sbError('SB_FORBIDDEN', { reason: 'r' }).challenge, undefined);
    const scope = 'Bearer error="insufficient_scope", scope="admin"';
    assert.equal(new ClientError('x', { status: 403, challenge: scope }).challenge, scope);
  });
  test('a challenge cannot split the response: control characters become spaces', () => {
    assert.equal(new ClientError('x', { status: 401, challenge: 'Bearer\r\nSet-Cookie: a=b' }).challenge, 'Bearer  Set-Cookie: a=b');
    assert.equal(new ClientError('x', { status: 401, challenge: 'Bearer realm="\u2603"' }).challenge, 'Bearer realm=" "');
  });
  test('field errors: given with the error, or set by the validation that found them', () => {
    const fields = [{ path: 'p.age', message: 'must be an integer' }];
    assert.deepEqual(new ClientError('x', { fields }).fields, fields);
    const e = sbError('SB_INVALID_INPUT', { name: 'p.age', value: 'x', reason: 'r' });
    assert.equal(e.fields, undefined);
    e.fields = fields;
    assert.deepEqual(e.fields, fields);
  });
  test('the new kinds and their codes', () => {
    assert.equal(sbError('SB_UNAUTHENTICATED').status, 401);
    assert.equal(sbError('SB_CONFLICT', { target: 'person 7', reason: 'r' }).status, 409);
    assert.equal(sbError('SB_PRECONDITION_FAILED', { target: 'person 7', condition: 'If-Match "a"' }).status, 412);
    assert.equal(sbError('SB_TOO_MANY_REQUESTS', { limit: 10, window: 'second' }).status, 429);
    assert.equal(sbError('SB_TOO_MANY_CALLS', { limit: 64 }).status, 429);
  });
});

describe('toSwitchboardError and debugInfo', () => {
  test('framework errors pass through', () => {
    const e = new ClientError('x');
    assert.equal(toSwitchboardError(e), e);
  });
  test('anything else is a generic Server fault that keeps its cause', () => {
    const cause = new TypeError('secret detail');
    const e = toSwitchboardError(cause);
    assert.equal(e.message, 'Internal server error');
    assert.equal(e.kind, 'server');
    assert.equal(e.status, 500);
    assert.equal(e.cause, cause);
    assert.match(debugInfo(e), /TypeError: secret detail/);
    assert.equal(debugInfo(toSwitchboardError('a string')), 'a string');
    assert.equal(toSwitchboardError(undefined).message, 'Internal server error');
    assert.match(debugInfo(sbError('SB_SERVER_ERROR')), /Internal server error/);
  });
});
