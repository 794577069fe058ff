/**
 * JSON-RPC 2.0 over HTTP: a POST to `/pc/jsonrpc` of `{"jsonrpc": "2.0", "method": "k.all",
 * "params", "id"}` — params an object (named) or an array (positional); the answer is HTTP 200
 * with the response object, errors included (`error.code`, `message`, `data.faultcode`).
 */
import assert from 'node:assert/strict';
import { readJson, writeJson } from '../json.ts';
import { type Answer, type CallOptions, type Driver, type Value, authHeaders } from '../model.ts';
import { readResponse } from './jsonrpc-codes.ts';
import { challenged, kitchenHttp, post } from './serve.ts';

export function jsonRpcHttpDriver(): Driver {
  const server = kitchenHttp();
  let next = 0;
  const carries = {
    // Its faults carry the stable code (`error.data.code`).
    codes: true,
    statuses: true,
    streams: false,
    positional: true,
    successStatus: false,
    int64: true,
    notFoundCode: 'SB_NOT_FOUND',
    // A call's error is HTTP 200's response object (one of a batch's): no headers of its own.
    challenges: false,
  };
  async function send(fn: string, params: Value, options?: CallOptions): Promise<Answer> {
    const where = `JSON-RPC over HTTP ${fn}`;
    const id = ++next;
    const a = await post(
      `${server.http}/jsonrpc`,
      { ...authHeaders(options), 'content-type': 'application/json' },
      writeJson({ jsonrpc: '2.0', method: fn, params, id }),
    );
    assert.equal(a.status, 200, `${where}: HTTP ${a.status} ${a.text}`);
    assert.match(a.contentType, /^application\/json/, `${where}: content type`);
    return challenged(readResponse(readJson(a.text), id, carries.codes, where, a.text), a);
  }
  return {
    name: 'JSON-RPC over HTTP',
    protocol: 'jsonrpc',
    carries,
    start: server.start,
    close: server.close,
    call: (fn, args, options) => send(fn, args as Value, options),
    callPositional: (fn, args) => send(fn, args),
  };
}
