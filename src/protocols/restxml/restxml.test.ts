import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ClientError, sbError } from '../../errors/index.ts';
import { encodeXmlFault } from './restxml.ts';

describe('REST+XML faults', () => {
  it("WSME's elements, then the stable <code>", () => {
    assert.equal(
      encodeXmlFault(sbError('SB_NOT_FOUND', { path: '/ws/a<b' }), false),
      '<error><faultcode>Client</faultcode><faultstring>No function at /ws/a&lt;b</faultstring><debuginfo/><code>SB_NOT_FOUND</code></error>',
    );
    assert.match(
      encodeXmlFault(sbError('SB_SERVER_ERROR'), true),
      /^<error><faultcode>Server<\/faultcode><faultstring>Internal server error<\/faultstring><debuginfo>[^<]+<\/debuginfo><code>SB_SERVER_ERROR<\/code><\/error>$/,
    );
  });

  it('a validation fault lists its field errors as <fields><field path="…">, escaped, the first 20', () => {
    const fields = [{ path: 'd["a&b"]', message: 'expected <int>' }, ...Array.from({ length: 25 }, (_, i) => ({ path: `v[${i}]`, message: 'm' }))];
    const text = encodeXmlFault(new ClientError('bad', { fields }), false);
    assert.ok(text.endsWith('</fields></error>'));
    assert.ok(
      text.includes('<code>SB_CLIENT_ERROR</code><fields><field path="d[&quot;a&amp;b&quot;]">expected &lt;int&gt;</field><field path="v[0]">m</field>'),
    );
    assert.equal(text.match(/<field /g)?.length, 20);
  });
});
