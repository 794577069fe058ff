import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ErrorCode } from '../../errors/index.ts';
import { checkRequest } from './request.ts';

describe('checkRequest (JSON-RPC 2.0 §4, shared by HTTP and the WebSocket subprotocol)', () => {
  test('well-formed requests and notifications', () => {
    assert.deepEqual(checkRequest({ jsonrpc: '2.0', method: 'm', params: [1], id: 7 }), { ok: true, notification: false, id: 7, method: 'm', params: [1] });
    assert.deepEqual(checkRequest({ jsonrpc: '2.0', method: 'm', id: 'a' }), { ok: true, notification: false, id: 'a', method: 'm', params: undefined });
    assert.deepEqual(checkRequest({ jsonrpc: '2.0', method: 'm', id: null }), { ok: true, notification: false, id: null, method: 'm', params: undefined });
    assert.deepEqual(checkRequest({ jsonrpc: '2.0', method: 'm', params: { a: 1 } }), {
      ok: true,
      notification: true,
      id: null,
      method: 'm',
      params: { a: 1 },
    });
  });

  test('invalid requests, answered with the id when it could be read', () => {
    const cases: [unknown, ErrorCode, string | number | null][] = [
      [null, 'SB_JSONRPC_NOT_OBJECT', null],
      [[], 'SB_JSONRPC_NOT_OBJECT', null],
      ['m', 'SB_JSONRPC_NOT_OBJECT', null],
      [{ jsonrpc: '2.0', method: 'm', id: { a: 1 } }, 'SB_JSONRPC_BAD_ID', null],
      [{ jsonrpc: '2.0', method: 'm', id: true }, 'SB_JSONRPC_BAD_ID', null],
      [{ jsonrpc: '1.0', method: 'm', id: 3 }, 'SB_JSONRPC_BAD_VERSION', 3],
      [{ method: 'm', id: 3 }, 'SB_JSONRPC_BAD_VERSION', 3],
      [{ jsonrpc: '2.0', method: 4, id: 'x' }, 'SB_JSONRPC_BAD_METHOD', 'x'],
      [{ jsonrpc: '2.0', method: 'm', params: 'p', id: 5 }, 'SB_JSONRPC_BAD_PARAMS', 5],
      [{ jsonrpc: '2.0', method: 'm', params: null, id: 5 }, 'SB_JSONRPC_BAD_PARAMS', 5],
    ];
    for (const [m, code, id] of cases) assert.deepEqual(checkRequest(m), { ok: false, code, id }, JSON.stringify(m));
  });
});
