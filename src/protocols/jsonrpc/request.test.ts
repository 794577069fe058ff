import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkRequest } from './request.ts';

describe('checkRequest (JSON-RPC 2.0 §4, shared by HTTP and the WebSocket subprotocol)', () => {
  test('well-formed requests and notifications', () => {
    assert.deepEqual(checkRequest({ jsonrpc: '2.0', method: 'm', params: [1], id: 7 }), { ok: true, notification: false, id: 7, method: 'm', params: [1] });
    assert.deepEqual(checkRequest({ jsonrpc: '2.0', method: 'm', id: 'a' }), { ok: true, notification: false, id: 'a', method: 'm', params: undefined });
    assert.deepEqual(checkRequest({ jsonrpc: '2.0', method: 'm', id: null }), { ok: true, notification: false, id: null, method: 'm', params: undefined });
    assert.deepEqual(checkRequest({ jsonrpc: '2.0', method: 'm', params: { a: 1 } }), { ok: true, notification: true, id: null, method: 'm', params: { a: 1 } });
  });

  test('invalid requests, answered with the id when it could be read', () => {
    const cases: [unknown, string, string | number | null][] = [
      [null, 'a request must be an object', null],
      [[], 'a request must be an object', null],
      ['m', 'a request must be an object', null],
      [{ jsonrpc: '2.0', method: 'm', id: { a: 1 } }, '"id" must be a string, a number or null', null],
      [{ jsonrpc: '2.0', method: 'm', id: true }, '"id" must be a string, a number or null', null],
      [{ jsonrpc: '1.0', method: 'm', id: 3 }, '"jsonrpc" must be "2.0"', 3],
      [{ method: 'm', id: 3 }, '"jsonrpc" must be "2.0"', 3],
      [{ jsonrpc: '2.0', method: 4, id: 'x' }, '"method" must be a string', 'x'],
      [{ jsonrpc: '2.0', method: 'm', params: 'p', id: 5 }, '"params" must be an array or an object', 5],
      [{ jsonrpc: '2.0', method: 'm', params: null, id: 5 }, '"params" must be an array or an object', 5],
    ];
    for (const [m, reason, id] of cases) assert.deepEqual(checkRequest(m), { ok: false, reason, id }, JSON.stringify(m));
  });
});
