/**
 * REST+JSON: the function's route (`POST /pc/k/all`, or the verb and path template it
 * declares: `rest-route.ts`) with a JSON body naming the arguments; the answer is the result as JSON with the declared status (204: no body), or
 * WSME's fault document `{"faultcode", "faultstring", "debuginfo"}` with the error's status.
 */
import assert from 'node:assert/strict';
import { readJson, writeJson } from '../json.ts';
import { type Answer, type Driver, type Value, authHeaders, noPositional, readCode } from '../model.ts';
import { REST_CARRIES, restRequest } from './rest-route.ts';
import { type HttpAnswer, challenged, kitchenHttp, send } from './serve.ts';

/** Reads WSME's fault fields, checked for the shape both REST codecs share. */
export function restFault(a: HttpAnswer, faultcode: unknown, faultstring: unknown, code: unknown, codes: boolean, where: string): Answer {
  assert.ok(a.status >= 400 && a.status <= 599, `${where}: a fault with HTTP ${a.status}`);
  assert.ok(faultcode === 'Client' || faultcode === 'Server', `${where}: faultcode ${String(faultcode)}`);
  assert.equal(faultcode === 'Client', a.status < 500, `${where}: faultcode ${String(faultcode)} with HTTP ${a.status}`);
  assert.equal(typeof faultstring, 'string', `${where}: faultstring`);
  return {
    kind: 'fault',
    fault: {
      side: faultcode === 'Client' ? 'client' : 'server',
      status: a.status,
      message: faultstring as string,
      code: readCode(code, codes, where),
      wire: a.text,
      form: `HTTP ${a.status}`,
    },
  };
}

/** A REST+JSON answer, its wire shape checked. */
export function readRestJson(a: HttpAnswer, codes: boolean, where: string): Answer {
  if (a.status === 204) {
    assert.equal(a.text, '', `${where}: a 204 with a body`);
    return { kind: 'value', value: undefined, status: 204 };
  }
  assert.match(a.contentType, /^application\/json/, `${where}: content type`);
  const body = readJson(a.text);
  if (a.status < 300) return { kind: 'value', value: body, status: a.status };
  assert.ok(typeof body === 'object' && body !== null && !Array.isArray(body), `${where}: fault ${a.text}`);
  const f = body as Record<string, Value>;
  assert.equal(f.debuginfo, null, `${where}: debuginfo outside debug mode`);
  return restFault(a, f.faultcode, f.faultstring, f.code, codes, where);
}

export function restJsonDriver(): Driver {
  const server = kitchenHttp();
  const carries = REST_CARRIES;
  return {
    name: 'REST+JSON',
    protocol: 'restjson',
    carries,
    start: server.start,
    close: server.close,
    async call(fn, args, options) {
      const r = restRequest(fn, args);
      const headers = { ...r.headers, ...authHeaders(options), accept: 'application/json', ...(r.body ? { 'content-type': 'application/json' } : {}) };
      const a = await send(r.method, `${server.http}${r.path}`, headers, r.body && writeJson(r.body));
      return challenged(readRestJson(a, carries.codes, `REST+JSON ${r.method} ${r.path}`), a);
    },
    callPositional: () => noPositional('REST+JSON'),
  };
}
