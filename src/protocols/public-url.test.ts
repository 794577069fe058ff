import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type AddressedRequest, publicBase, publicPath, validHost } from './public-url.ts';

const req = (headers: Record<string, string>, mount?: string): AddressedRequest => ({ header: (n) => headers[n], mount });

describe('protocols/public-url', () => {
  it('host[:port] only: names, IPv4, [IPv6], a port of at most five digits', () => {
    for (const h of ['localhost', 'a.example.com', 'my_service:8080', '127.0.0.1:1', '[::1]:8080', '[2001:db8::1]', 'example.com.']) assert.ok(validHost(h), h);
    for (const h of ['', 'a b', 'a"b', 'x/y', 'h:port', 'h:123456', '-a.com', 'a..b', 'user@host', '[::1', 'a<b>', `${'a'.repeat(256)}`])
      assert.ok(!validHost(h), h);
  });

  it('scheme://host + mount + webpath; "/" when both are empty', () => {
    assert.equal(publicBase(req({ host: 'h:8' }), '/ws', undefined), 'http://h:8/ws');
    assert.equal(publicBase(req({ host: 'h' }, '/svc'), '/ws', undefined), 'http://h/svc/ws');
    assert.equal(publicBase(req({ host: 'h' }, '/svc/'), '', undefined), 'http://h/svc');
    assert.equal(publicBase(req({ host: 'h' }), '', undefined), 'http://h/');
    assert.equal(publicBase(req({}), '/ws', undefined), 'http://localhost/ws');
  });

  it('X-Forwarded-*: all with trust, none when unset or false', () => {
    const h = { host: 'in:1', 'x-forwarded-host': 'out.example, other', 'x-forwarded-proto': 'HTTPS, http', 'x-forwarded-prefix': '/edge/, /x' };
    assert.equal(publicBase(req(h, '/svc'), '/ws', true), 'https://out.example/edge/svc/ws');
    assert.equal(publicBase(req(h, '/svc'), '/ws', undefined), 'http://in:1/svc/ws');
    assert.equal(publicBase(req(h, '/svc'), '/ws', false), 'http://in:1/svc/ws');
    assert.equal(publicPath(req(h, '/svc'), '/ws', true), '/edge/svc/ws');
    assert.equal(publicPath(req(h), '/ws', false), '/ws');
  });

  it('a bad forwarded host falls back to Host; odd schemes to http; paths are %-encoded', () => {
    assert.equal(publicBase(req({ host: 'in', 'x-forwarded-host': 'a"b', 'x-forwarded-proto': 'gopher' }), '/ws', true), 'http://in/ws');
    assert.equal(publicPath(req({ 'x-forwarded-prefix': 'edge' }, 'm ount'), '/ws', true), '/edge/m%20ount/ws');
    assert.equal(publicPath(req({ 'x-forwarded-prefix': '/"><b>' }), '', true), '/%22%3E%3Cb%3E');
  });
});
