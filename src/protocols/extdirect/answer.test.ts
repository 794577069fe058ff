import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ClientError, sbError } from '../../errors/index.ts';
import { extDirectFaults } from './faults.ts';
import { NO_CALL, exceptionMessage, rpcMessage, uploadWrapper } from './answer.ts';

describe('Ext Direct answers', () => {
  it('echoes tid, action and method as sent; anything odd answers as null', () => {
    assert.deepEqual(JSON.parse(rpcMessage({ tid: 3, action: 'person', method: 'get' }, '{"id":1}')), {
      type: 'rpc',
      tid: 3,
      action: 'person',
      method: 'get',
      result: { id: 1 },
    });
    assert.deepEqual(JSON.parse(rpcMessage({ tid: 'x"y', action: { a: 1 }, method: undefined }, 'null')), {
      type: 'rpc',
      tid: 'x"y',
      action: null,
      method: null,
      result: null,
    });
    assert.equal(JSON.parse(rpcMessage({ tid: Number.NaN, action: 'a', method: 'b' }, '1')).tid, null);
  });

  it('exceptions carry the message, faultcode and code, and `where` only in debug mode', () => {
    const err = new ClientError('Unknown ID');
    assert.deepEqual(JSON.parse(exceptionMessage({ tid: 1, action: 'a', method: 'b' }, err, false)), {
      type: 'exception',
      tid: 1,
      action: 'a',
      method: 'b',
      message: 'Unknown ID',
      faultcode: 'Client',
      code: 'SB_CLIENT_ERROR',
    });
    const server = sbError('SB_SERVER_ERROR');
    (server as { cause?: unknown }).cause = new Error('disk on fire');
    const debug = JSON.parse(exceptionMessage(NO_CALL, server, true));
    assert.equal(debug.faultcode, 'Server');
    assert.match(debug.where, /^Error: disk on fire\n/);
  });

  it('a validation fault lists its field errors, the first 20', () => {
    const fields = Array.from({ length: 21 }, (_, i) => ({ path: `v[${i}]`, message: `"${i}" is not a number` }));
    const err = sbError('SB_INVALID_INPUT', { name: 'v[0]', value: 'x', reason: 'not a number' }, undefined, { fields });
    const m = JSON.parse(exceptionMessage({ tid: 2, action: 'a', method: 'b' }, err, false));
    assert.equal(m.code, 'SB_INVALID_INPUT');
    assert.equal(m.fields.length, 20);
    assert.deepEqual(m.fields[1], { path: 'v[1]', message: '"1" is not a number' });
    assert.equal('fields' in JSON.parse(exceptionMessage(NO_CALL, new ClientError('x'), false)), false);
  });

  it("the fault table: Client for the caller's kinds, Server for the service's", () => {
    for (const [kind, f] of Object.entries(extDirectFaults)) assert.equal(f.faultcode, kind === 'server' ? 'Server' : 'Client', kind);
  });

  it('the upload wrapper escapes what could end the textarea, and nothing else', () => {
    const json = JSON.stringify({ s: '</textarea><script>x</script> &amp; é' });
    const html = uploadWrapper(json);
    assert.equal(html.indexOf('</textarea>'), html.length - '</textarea></body></html>'.length);
    const inner = html.slice('<html><body><textarea>'.length, -'</textarea></body></html>'.length);
    assert.equal(inner.replace(/&lt;/g, '<').replace(/&amp;/g, '&'), json);
  });
});
