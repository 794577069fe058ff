import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ClientError, errorKinds, sbError } from '../../errors/index.ts';
import { wsRpcFaults } from './faults.ts';
import { faultBody, rpcFrames } from './frames.ts';
import { jsonRpcFrames, parseErrorFrame } from './jsonrpc.ts';

describe('WebSocket error frames', () => {
  it('RPC frames: the status, WSME fault and the stable code', () => {
    assert.deepEqual(rpcFrames.error(3, sbError('SB_UNKNOWN_METHOD', { name: 'p.fly' }), false), {
      id: 3,
      status: 404,
      error: { faultcode: 'Client', faultstring: 'Unknown method: p.fly', code: 'SB_UNKNOWN_METHOD' },
    });
    assert.equal((rpcFrames.error(1, new ClientError('x', { status: 422 }), false) as { status: number }).status, 422);
    assert.equal(typeof faultBody(sbError('SB_SERVER_ERROR'), true).debuginfo, 'string');
  });

  it('a validation fault lists its field errors, the first 20', () => {
    const fields = Array.from({ length: 21 }, (_, i) => ({ path: `p${i}`, message: 'm' }));
    const body = faultBody(new ClientError('bad', { fields }), false);
    assert.equal((body.fields as unknown[]).length, 20);
    assert.deepEqual((body.fields as unknown[])[0], { path: 'p0', message: 'm' });
  });

  it('JSON-RPC frames carry the code in error.data, parse errors too', () => {
    assert.deepEqual(jsonRpcFrames.error(1, new ClientError('Unknown ID'), false), {
      jsonrpc: '2.0',
      id: 1,
      error: { code: -32000, message: 'Unknown ID', data: { faultcode: 'Client', code: 'SB_CLIENT_ERROR' } },
    });
    assert.equal((jsonRpcFrames.error(1, sbError('SB_TOO_MANY_CALLS', { limit: 2 }), false) as { error: { code: number } }).error.code, -32029);
    assert.deepEqual(parseErrorFrame(sbError('SB_INVALID_JSON'), false), {
      jsonrpc: '2.0',
      id: null,
      error: { code: -32700, message: 'Parse error: Request is not in valid JSON format', data: { faultcode: 'Client', code: 'SB_INVALID_JSON' } },
    });
  });

  it("the fault table: each kind's HTTP status, Client for the caller's kinds", () => {
    for (const [kind, f] of Object.entries(wsRpcFaults)) {
      const k = errorKinds[kind as keyof typeof errorKinds];
      assert.deepEqual(f, { status: k.status, faultcode: k.client ? 'Client' : 'Server' }, kind);
    }
  });
});
