// The last gaps in input checking (issue 10, defects 3 to 6 and 1e400), on the persons demo
// over a real socket: invalid UTF-8 refused with one catalogued error in every protocol,
// faults that stay small whatever they echo, Ext Direct refusing text/plain, and XML that is
// not well-formed refused as the XML and SOAP specifications say.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useDemo } from '../helpers/demo.ts';
import { call } from '../helpers/http.ts';
import { type Version, envelope, faultOf, soapPost } from '../interop/soap-http.ts';

const T = 'xmlns="urn:persons:types"';
/** `{"p":{"lastname":"<ff fe>","firstname":"x"}}` as bytes: not UTF-8. */
const badUtf8Json = Buffer.concat([Buffer.from('{"p":{"lastname":"'), Buffer.from([0xff, 0xfe]), Buffer.from('","firstname":"x"}}')]);
const badUtf8Xml = Buffer.concat([Buffer.from('<parameters><p><lastname>'), Buffer.from([0xff, 0xfe]), Buffer.from('</lastname></p></parameters>')]);
/** Big enough to show an unbounded echo, small enough to stay under the 1 MiB body limit. */
const HUGE = 500_000;
/** A fault echoing a name cut to 64 characters is far below this. */
const SMALL = 4096;

const post = (url: string, type: string, body: string | Uint8Array) =>
  call(url, { method: 'POST', headers: { 'content-type': type }, body: typeof body === 'string' ? body : Buffer.from(body) });

describe('hostile input: invalid UTF-8 is refused everywhere with SB_BAD_TEXT_ENCODING', () => {
  const demo = useDemo('each');

  async function noReplacementStored() {
    const list = await call(`${demo.ws}/list`);
    assert.ok(!list.text.includes('\ufffd'), list.text);
  }

  it('REST+JSON', async () => {
    const r = await post(`${demo.ws}/create`, 'application/json', badUtf8Json);
    assert.equal(r.status, 400, r.text);
    assert.deepEqual(r.json, {
      faultcode: 'Client',
      faultstring: 'Invalid request: the body is not valid utf-8',
      debuginfo: null,
      code: 'SB_BAD_TEXT_ENCODING',
    });
    await noReplacementStored();
  });

  it('REST+JSON form bodies', async () => {
    const form = Buffer.concat([Buffer.from('p.firstname=x&p.lastname='), Buffer.from([0xff])]);
    const r = await post(`${demo.ws}/create`, 'application/x-www-form-urlencoded', form);
    assert.equal(r.status, 400, r.text);
    assert.equal((r.json as { code: string }).code, 'SB_BAD_TEXT_ENCODING');
    await noReplacementStored();
  });

  it('REST+XML', async () => {
    const r = await post(`${demo.ws}/create`, 'text/xml', badUtf8Xml);
    assert.equal(r.status, 400, r.text);
    assert.match(r.headers.get('content-type') ?? '', /^text\/xml/);
    assert.match(r.text, /<code>SB_BAD_TEXT_ENCODING<\/code>/);
    await noReplacementStored();
  });

  it('JSON-RPC', async () => {
    const body = Buffer.concat([
      Buffer.from('{"jsonrpc":"2.0","method":"person.create","id":1,"params":{"p":{"firstname":"x","lastname":"'),
      Buffer.from([0xc3]),
      Buffer.from('"}}}'),
    ]);
    const r = await post(`${demo.url}/ws/jsonrpc`, 'application/json', body);
    assert.ok(r.status < 500, r.text);
    const e = (r.json as { error: { code: number; data: { code: string } } }).error;
    assert.equal(e.code, -32700);
    assert.equal(e.data.code, 'SB_BAD_TEXT_ENCODING');
    await noReplacementStored();
  });

  it('Ext Direct', async () => {
    const body = Buffer.concat([
      Buffer.from('{"action":"person","method":"create","type":"rpc","tid":1,"data":{"p":{"firstname":"x","lastname":"'),
      Buffer.from([0xed, 0xa0, 0x80]),
      Buffer.from('"}}}'),
    ]);
    const r = await post(`${demo.url}/ws/extdirect/router`, 'application/json', body);
    assert.equal(r.status, 400, r.text);
    assert.equal((r.json as { type: string; code: string }).code, 'SB_BAD_TEXT_ENCODING');
    await noReplacementStored();
  });

  it('SOAP answers with the same code', async () => {
    const text = Buffer.concat([Buffer.from(envelope('1.1', `<personCreate ${T}><p><firstname>x</firstname><lastname>`)), Buffer.from([0xff])]);
    const r = await fetch(`${demo.url}/ws`, { method: 'POST', headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '""' }, body: text });
    const answer = await r.text();
    assert.equal(r.status, 500);
    assert.equal(faultOf(answer)?.code, 'soap:Client');
    assert.match(answer, /<sb:code>SB_BAD_TEXT_ENCODING<\/sb:code>/);
  });
});

describe('hostile input: faults echo input cut to 64 characters, and stay small', () => {
  const demo = useDemo('all');
  const cut = `${'a'.repeat(63)}…`;

  it('REST+JSON: a huge unknown argument name', async () => {
    const r = await post(`${demo.ws}/get`, 'application/json', `{"${'a'.repeat(HUGE)}": 1}`);
    assert.equal(r.status, 400);
    assert.ok(r.text.length < SMALL, `${r.text.length} characters`);
    assert.equal((r.json as { faultstring: string }).faultstring, `Unknown argument: "${cut}"`);
  });

  it('REST+JSON: huge unknown attribute names in a structure', async () => {
    const names = Array.from({ length: 8 }, (_, i) => `"${String(i).repeat(HUGE / 10)}": 1`).join(',');
    const r = await post(`${demo.ws}/create`, 'application/json', `{"p": {${names}}}`);
    assert.equal(r.status, 400);
    assert.ok(r.text.length < SMALL, `${r.text.length} characters`);
  });

  it('REST+XML: <parameters> followed by a flood of "<"', async () => {
    const r = await post(`${demo.ws}/get`, 'text/xml', `<parameters>${'<'.repeat(HUGE)}`);
    assert.equal(r.status, 400);
    assert.ok(r.text.length < SMALL, `${r.text.length} characters`);
    assert.match(r.text, /…/);
  });

  it('REST+XML: a huge element name', async () => {
    const name = 'b'.repeat(HUGE);
    const r = await post(`${demo.ws}/get`, 'text/xml', `<parameters><${name}>1</${name}></parameters>`);
    assert.equal(r.status, 400);
    assert.ok(r.text.length < SMALL, `${r.text.length} characters`);
  });

  it('Ext Direct: a huge action name', async () => {
    const r = await post(
      `${demo.url}/ws/extdirect/router`,
      'application/json',
      JSON.stringify({ action: 'a'.repeat(HUGE), method: 'get', type: 'rpc', tid: 1, data: null }),
    );
    assert.equal(r.status, 200);
    assert.ok(r.text.length < SMALL, `${r.text.length} characters`);
    assert.equal((r.json as { code: string }).code, 'SB_NOT_FOUND');
  });

  it('a method that is an array nested 20,000 deep is a client fault in every RPC protocol (no String() of it)', async () => {
    const deep = `${'['.repeat(20_000)}1${']'.repeat(20_000)}`;
    const direct = await post(`${demo.url}/ws/extdirect/router`, 'application/json', `{"action":"person","method":${deep},"type":"rpc","tid":1,"data":null}`);
    assert.equal(direct.status, 200, direct.text);
    assert.deepEqual([(direct.json as { type: string }).type, (direct.json as { faultcode: string }).faultcode], ['exception', 'Client']);
    const rpc = await post(`${demo.url}/ws/jsonrpc`, 'application/json', `{"jsonrpc":"2.0","method":${deep},"id":1}`);
    assert.equal(rpc.status, 200, rpc.text);
    assert.equal((rpc.json as { error: { code: number } }).error.code, -32600);
  });

  it('JSON-RPC: a huge method name', async () => {
    const r = await post(`${demo.url}/ws/jsonrpc`, 'application/json', JSON.stringify({ jsonrpc: '2.0', method: 'm'.repeat(HUGE), id: 1 }));
    assert.ok(r.text.length < SMALL, `${r.text.length} characters`);
  });

  it('SOAP: a huge operation name', async () => {
    for (const v of ['1.1', '1.2'] as Version[]) {
      const r = await soapPost(`${demo.url}/ws`, v, envelope(v, `<${'o'.repeat(HUGE)} ${T}/>`));
      assert.equal(r.status, 500);
      assert.ok(r.text.length < SMALL, `${r.text.length} characters`);
    }
  });

  it('a huge value is cut the same way', async () => {
    const r = await post(`${demo.ws}/get`, 'application/json', `{"id": "${'x'.repeat(HUGE)}"}`);
    assert.equal(r.status, 400);
    assert.ok(r.text.length < SMALL, `${r.text.length} characters`);
    assert.match((r.json as { faultstring: string }).faultstring, new RegExp(`Value: '${'x'.repeat(63)}…'`));
  });
});

describe('hostile input: Ext Direct refuses text/plain (no cross-site calls without a preflight)', () => {
  const demo = useDemo('all');

  it('415, as one exception with tid null', async () => {
    const r = await post(
      `${demo.url}/ws/extdirect/router`,
      'text/plain',
      JSON.stringify({ action: 'person', method: 'get', type: 'rpc', tid: 1, data: { id: 1 } }),
    );
    assert.equal(r.status, 415, r.text);
    assert.equal((r.json as { code: string; tid: unknown }).code, 'SB_UNSUPPORTED_MEDIA_TYPE');
    assert.equal((r.json as { tid: unknown }).tid, null);
  });
});

describe('hostile input: XML that is not well-formed is refused', () => {
  const demo = useDemo('all');

  for (const [what, body] of [
    ['"--" inside a comment', '<parameters><!-- a -- b --><id>1</id></parameters>'],
    ['"]]>" in text', '<parameters><id>1]]></id></parameters>'],
    ['"]]>" in text, split by a reference', '<parameters><id>1]]&gt;]]></id></parameters>'],
  ]) {
    it(`REST+XML: ${what}`, async () => {
      const r = await post(`${demo.ws}/get`, 'text/xml', body);
      assert.equal(r.status, 400, r.text);
      assert.match(r.text, /<code>SB_INVALID_XML<\/code>/);
    });
  }

  for (const v of ['1.1', '1.2'] as Version[]) {
    const client = v === '1.1' ? 'soap:Client' : 'soap:Sender';
    const ns = v === '1.1' ? 'http://schemas.xmlsoap.org/soap/envelope/' : 'http://www.w3.org/2003/05/soap-envelope';
    const get = (id: number) => `<personGet ${T}><id>${id}</id></personGet>`;
    const cases: [string, string][] = [
      ['two Body elements', `<s:Envelope xmlns:s="${ns}"><s:Body>${get(1)}</s:Body><s:Body>${get(2)}</s:Body></s:Envelope>`],
      ['a Header after the Body', `<s:Envelope xmlns:s="${ns}"><s:Body>${get(1)}</s:Body><s:Header/></s:Envelope>`],
      ['two Header elements', `<s:Envelope xmlns:s="${ns}"><s:Header/><s:Header/><s:Body>${get(1)}</s:Body></s:Envelope>`],
      ['another element of the envelope namespace', `<s:Envelope xmlns:s="${ns}"><s:Body>${get(1)}</s:Body><s:Trailer/></s:Envelope>`],
    ];
    if (v === '1.2')
      cases.push([
        'an element after the Body (SOAP 1.2 allows none)',
        `<s:Envelope xmlns:s="${ns}"><s:Body>${get(1)}</s:Body><x:extra xmlns:x="urn:x"/></s:Envelope>`,
      ]);
    for (const [what, text] of cases) {
      it(`SOAP ${v}: ${what} is a ${client} fault`, async () => {
        const r = await soapPost(`${demo.url}/ws`, v, text, '');
        assert.equal(r.status, 500, r.text);
        assert.equal(faultOf(r.text)?.code, client, r.text);
        assert.match(r.text, /SB_SOAP_BAD_ENVELOPE/);
      });
    }
    if (v === '1.1') {
      it('SOAP 1.1: namespace-qualified elements after the Body are still allowed', async () => {
        const r = await soapPost(`${demo.url}/ws`, v, `<s:Envelope xmlns:s="${ns}"><s:Body>${get(1)}</s:Body><x:extra xmlns:x="urn:x"/></s:Envelope>`, '');
        assert.equal(r.status, 200, r.text);
      });
    }
  }
});

describe('hostile input: an overflowing JSON number is named as sent', () => {
  const demo = useDemo('all');

  it('REST+JSON', async () => {
    const r = await post(`${demo.ws}/get`, 'application/json', '{"id": 1e400}');
    assert.equal(r.status, 400);
    assert.match((r.json as { faultstring: string }).faultstring, /Value: '1e400'/);
  });

  it('JSON-RPC and Ext Direct', async () => {
    const rpc = await post(`${demo.url}/ws/jsonrpc`, 'application/json', '{"jsonrpc":"2.0","method":"person.get","params":{"id":-2.5E+999},"id":1}');
    assert.match((rpc.json as { error: { message: string } }).error.message, /Value: '-2.5E\+999'/);
    const direct = await post(
      `${demo.url}/ws/extdirect/router`,
      'application/json',
      '{"action":"person","method":"get","type":"rpc","tid":1,"data":{"id":1e400}}',
    );
    assert.match((direct.json as { message: string }).message, /Value: '1e400'/);
  });
});

describe('hostile input: a request refused before a protocol reads it is answered as its Accept asks', () => {
  const demo = useDemo('all');

  it('a body of an unknown type with Accept: text/xml gets an XML 415', async () => {
    const r = await call(`${demo.ws}/get`, { method: 'POST', headers: { 'content-type': 'text/plain', accept: 'text/xml' }, body: '<' });
    assert.equal(r.status, 415);
    assert.match(r.headers.get('content-type') ?? '', /^text\/xml/);
    assert.match(r.text, /^<error><faultcode>Client<\/faultcode>.*<code>SB_UNSUPPORTED_MEDIA_TYPE<\/code>/);
    const json = await call(`${demo.ws}/get`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '<' });
    assert.match(json.headers.get('content-type') ?? '', /^application\/json/);
  });
});
