import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ClientError, sbError } from '../../errors/index.ts';
import { encodeJsonFault } from './restjson.ts';

describe('REST+JSON faults', () => {
  it("WSME's members, then the stable code", () => {
    assert.equal(
      encodeJsonFault(sbError('SB_MISSING_ARGUMENT', { name: 'id' }), false),
      '{"faultcode":"Client","faultstring":"Missing argument: \\"id\\"","debuginfo":null,"code":"SB_MISSING_ARGUMENT"}',
    );
    assert.deepEqual(JSON.parse(encodeJsonFault(new ClientError('Unknown ID', { code: 'APP_UNKNOWN_ID', status: 404 }), false)), {
      faultcode: 'Client',
      faultstring: 'Unknown ID',
      debuginfo: null,
      code: 'APP_UNKNOWN_ID',
    });
    const server = JSON.parse(encodeJsonFault(sbError('SB_SERVER_ERROR'), true));
    assert.deepEqual([server.faultcode, server.code, typeof server.debuginfo], ['Server', 'SB_SERVER_ERROR', 'string']);
  });

  it('a validation fault lists its field errors, the first 20, as plain {path, message}', () => {
    const fields = Array.from({ length: 30 }, (_, i) => ({ path: `p.hobbies[${i}]`, message: 'expected a string', extra: 1 }));
    const f = JSON.parse(encodeJsonFault(new ClientError('bad', { fields }), false));
    assert.equal(f.fields.length, 20);
    assert.deepEqual(f.fields[0], { path: 'p.hobbies[0]', message: 'expected a string' });
    assert.equal('fields' in JSON.parse(encodeJsonFault(new ClientError('x', { fields: [] }), false)), false);
  });
});
