/**
 * REST+XML: the function's route (as REST+JSON's, `rest-route.ts`) with `<parameters>`
 * holding one element per argument; the answer is `<result>` with the declared status (204: no body), or WSME's
 * `<error><faultcode/><faultstring/><debuginfo/></error>` with the error's status.
 */
import assert from 'node:assert/strict';
import { schemasOf } from '../kitchen.ts';
import type { TSchema } from '@sinclair/typebox';
import { type Answer, type Driver, type Value, authHeaders, noPositional } from '../model.ts';
import { child, parseXml, readValue, writeValue } from '../xml.ts';
import { REST_CARRIES, restRequest } from './rest-route.ts';
import { restFault } from './restjson.ts';
import { type HttpAnswer, challenged, kitchenHttp, send } from './serve.ts';

/** A REST+XML answer, its wire shape checked; `returns` types the `<result>`. */
export function readRestXml(a: HttpAnswer, returns: TSchema | undefined, codes: boolean, where: string): Answer {
  if (a.status === 204) {
    assert.equal(a.text, '', `${where}: a 204 with a body`);
    return { kind: 'value', value: undefined, status: 204 };
  }
  assert.match(a.contentType, /^text\/xml/, `${where}: content type`);
  const doc = parseXml(a.text);
  if (a.status < 300) {
    assert.equal(doc.local, 'result', `${where}: ${a.text}`);
    const value: Value | undefined = returns ? readValue(doc, returns) : undefined;
    return { kind: 'value', value, status: a.status };
  }
  assert.equal(doc.local, 'error', `${where}: ${a.text}`);
  const debuginfo = child(doc, 'debuginfo');
  assert.ok(debuginfo && debuginfo.text === '' && debuginfo.children.length === 0, `${where}: debuginfo outside debug mode: ${a.text}`);
  return restFault(a, child(doc, 'faultcode')?.text, child(doc, 'faultstring')?.text, child(doc, 'code')?.text, codes, where);
}

export function restXmlDriver(): Driver {
  const server = kitchenHttp();
  const carries = REST_CARRIES;
  return {
    name: 'REST+XML',
    protocol: 'restxml',
    carries,
    start: server.start,
    close: server.close,
    async call(fn, args, options) {
      const schemas = schemasOf(fn);
      const r = restRequest(fn, args);
      const params = r.body && Object.entries(r.body).map(([k, v]) => writeValue(v, k, schemas.args[k], 'nil'));
      const headers = { ...r.headers, ...authHeaders(options), accept: 'text/xml', ...(params ? { 'content-type': 'text/xml; charset=utf-8' } : {}) };
      const a = await send(r.method, `${server.http}${r.path}`, headers, params && `<parameters>${params.join('')}</parameters>`);
      return challenged(readRestXml(a, schemas.returns, carries.codes, `REST+XML ${r.method} ${r.path}`), a);
    },
    callPositional: () => noPositional('REST+XML'),
  };
}
