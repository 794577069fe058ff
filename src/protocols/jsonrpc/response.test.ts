import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ClientError, errorKinds, sbError } from '../../errors/index.ts';
import { RPC_INVALID_PARAMS } from './codes.ts';
import { jsonRpcFaults } from './faults.ts';
import { NULL_ID, errorText } from './response.ts';

describe('JSON-RPC error responses', () => {
  it('the code of the kind, and the stable error code beside faultcode in data', () => {
    assert.deepEqual(JSON.parse(errorText(new ClientError('taken', { status: 409 }), '1', false)), {
      jsonrpc: '2.0',
      error: { code: -32009, message: 'taken', data: { faultcode: 'Client', code: 'SB_CLIENT_ERROR' } },
      id: 1,
    });
    const bad = JSON.parse(errorText(sbError('SB_MISSING_ARGUMENT', { name: 'id' }), NULL_ID, false, RPC_INVALID_PARAMS));
    assert.deepEqual(bad.error, { code: -32602, message: 'Missing argument: "id"', data: { faultcode: 'Client', code: 'SB_MISSING_ARGUMENT' } });
    const server = JSON.parse(errorText(sbError('SB_SERVER_ERROR'), '"x"', true)).error;
    assert.deepEqual([server.code, server.data.faultcode, server.data.code, typeof server.data.debuginfo], [-32603, 'Server', 'SB_SERVER_ERROR', 'string']);
  });

  it('a validation fault lists its field errors in data, the first 20', () => {
    const fields = Array.from({ length: 22 }, (_, i) => ({ path: `a[${i}]`, message: 'expected integer' }));
    const data = JSON.parse(errorText(new ClientError('bad', { fields }), '1', false, RPC_INVALID_PARAMS)).error.data;
    assert.equal(data.fields.length, 20);
    assert.deepEqual(data.fields[21 - 2], { path: 'a[19]', message: 'expected integer' });
  });

  it("the fault table: -32000 − (status − 400) for the caller's kinds, -32603 for the service's", () => {
    for (const [kind, f] of Object.entries(jsonRpcFaults)) {
      const k = errorKinds[kind as keyof typeof errorKinds];
      assert.deepEqual(f, k.client ? { code: -32000 - (k.status - 400), faultcode: 'Client' } : { code: -32603, faultcode: 'Server' }, kind);
    }
  });
});
