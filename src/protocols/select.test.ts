import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SbRequest } from '../runtime/http.ts';
import type { BoundProtocol, Protocol } from './protocol.ts';
import { Selector } from './select.ts';

function fake(name: string, o: Partial<Protocol>): BoundProtocol {
  const protocol: Protocol = { name, consumes: [], produces: [], ...o, bind: () => bound };
  const bound: BoundProtocol = {
    protocol,
    handle: () => ({ status: 200, headers: {}, body: name }),
    fault: () => ({ status: 500, headers: {}, body: name }),
  };
  return bound;
}

const json = fake('json', {
  suffix: '.json',
  consumes: ['application/json', 'text/javascript'],
  produces: ['application/json', 'text/javascript'],
  isDefault: true,
});
const xml = fake('xml', { suffix: '.xml', consumes: ['text/xml'], produces: ['text/xml', 'application/xml'] });
const rpc = fake('rpc', { consumes: ['application/json-rpc'], produces: [], endpoints: ['rpc'], prefixes: ['rpc/'] });
const soapish = fake('soapish', { consumes: [], produces: [], claims: (req) => req.header('soapaction') !== undefined });
const selector = new Selector([rpc, soapish, json, xml]);

function req(o: { query?: string; headers?: Record<string, string>; body?: boolean } = {}): SbRequest {
  const headers = o.headers ?? {};
  return {
    method: o.body ? 'POST' : 'GET',
    path: '/',
    query: o.query ?? '',
    remoteAddress: undefined,
    signal: new AbortController().signal,
    header: (n) => headers[n],
    hasBody: o.body ?? false,
    body: async () => new Uint8Array(),
  };
}

function pick(r: SbRequest, rel = 'a/b'): string {
  const s = selector.select(r, rel);
  return 'error' in s ? `${s.error.status}: ${s.error.message}` : `${s.bound.protocol.name} ${s.rel}`;
}

describe('protocols/select', () => {
  it('owned paths and prefixes come first', () => {
    assert.equal(pick(req({ query: 'wsmeproto=xml' }), 'rpc'), 'rpc rpc');
    assert.equal(pick(req(), 'rpc/sub'), 'rpc rpc/sub');
  });

  it('wsmeproto names a protocol; an unknown one is a client error', () => {
    assert.equal(pick(req({ query: 'x=1&wsmeproto=xml', headers: { accept: 'application/json' } })), 'xml a/b');
    assert.equal(pick(req({ query: 'wsmeproto=bad' })), '400: Invalid request: unknown protocol bad; known: rpc, soapish, json, xml');
    const unknown = selector.select(req({ query: 'wsmeproto=bad' }), 'a/b');
    assert.equal('error' in unknown && unknown.error.code, 'SB_UNKNOWN_PROTOCOL');
  });

  it('a suffix selects and is stripped', () => {
    assert.equal(pick(req(), 'a/b.xml'), 'xml a/b');
    assert.equal(pick(req({ headers: { accept: 'text/xml' } }), 'a/b.json'), 'json a/b');
  });

  it("a protocol's own rule", () => {
    assert.equal(pick(req({ headers: { soapaction: '""' } })), 'soapish a/b');
  });

  it('the body type; form posts fall through; unknown types are 415', () => {
    assert.equal(pick(req({ body: true, headers: { 'content-type': 'text/xml; charset=utf-8' } })), 'xml a/b');
    assert.equal(pick(req({ body: true, headers: { 'content-type': 'text/javascript' } })), 'json a/b');
    assert.equal(pick(req({ body: true, headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/xml' } })), 'xml a/b');
    assert.equal(
      pick(req({ body: true, headers: { 'content-type': 'image/png' } })),
      '415: Cannot read a body of type image/png; accepted: application/json-rpc, application/json, text/javascript, text/xml',
    );
  });

  it('the 415 answer lists the form types a protocol reads, once each', () => {
    const rest = fake('rest', { consumes: ['application/json'], forms: ['application/x-www-form-urlencoded'], isDefault: true });
    const direct = fake('direct', { consumes: [], forms: ['application/x-www-form-urlencoded', 'multipart/form-data'], endpoints: ['router'] });
    const s = new Selector([rest, direct]).select(req({ body: true, headers: { 'content-type': 'image/png' } }), 'a');
    assert.ok('error' in s);
    assert.equal(s.error.message, 'Cannot read a body of type image/png; accepted: application/json, application/x-www-form-urlencoded, multipart/form-data');
  });

  it('Accept: best quality first, wildcards, and 406 when nothing matches', () => {
    const cases: [string, string][] = [
      ['application/json', 'json a/b'],
      ['text/javascript', 'json a/b'],
      ['application/xml', 'xml a/b'],
      ['application/json;q=0.5, text/xml', 'xml a/b'],
      ['text/*', 'json a/b'],
      ['application/*;q=0.2, text/xml;q=0.3', 'xml a/b'],
      ['*/*', 'json a/b'],
      ['image/png, */*;q=0.1', 'json a/b'],
      ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'xml a/b'],
      ['image/png', '406: Cannot answer in any of the accepted types (image/png); available: application/json, text/javascript, text/xml, application/xml'],
      [
        'application/json;q=0',
        '406: Cannot answer in any of the accepted types (application/json;q=0); available: application/json, text/javascript, text/xml, application/xml',
      ],
    ];
    // Twice: the second answer comes from the cache and must be the same.
    for (let round = 0; round < 2; round++) {
      for (const [accept, expected] of cases) assert.equal(pick(req({ headers: { accept } })), expected, `${accept} (round ${round})`);
    }
  });

  it('no Accept: the default protocol', () => {
    assert.equal(pick(req()), 'json a/b');
  });
});
