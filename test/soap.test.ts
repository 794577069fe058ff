// SOAP end to end with raw envelopes: selection, both versions, any prefixes, the WSDL
// endpoint and its options, and every way a request can be wrong — each a fault, never a crash.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { personsRoot } from '../examples/persons/app.ts';
import { type Running, controller, expose, restjson, root, serve, soap, t as t_ } from '../src/index.ts';
import { getText } from './helpers/http.ts';
import { kitchenRoot } from './interop/kitchen.ts';
import { SOAP11_NS, SOAP12_NS, type Version, envelope, faultOf, soapPost } from './interop/soap-http.ts';

const T = 'xmlns="urn:persons:types"';
const get = (id: string | number) => `<personGet ${T}><id>${id}</id></personGet>`;

describe('SOAP: the persons demo with raw envelopes', () => {
  let running: Running;
  let ws: string;
  before(async () => {
    running = await serve(personsRoot(), { port: 0, host: '127.0.0.1' });
    ws = `${running.url}/ws`;
  });
  after(() => running.close());

  /** Sends a request that must be a fault; returns its code and reason. */
  async function fault(version: Version, text: string, action: string | null = '', headers: Record<string, string> = {}) {
    const r = await soapPost(ws, version, text, action, headers);
    assert.equal(r.status, 500, r.text);
    assert.match(r.contentType, version === '1.1' ? /^text\/xml; charset=utf-8/ : /^application\/soap\+xml; charset=utf-8/);
    const f = faultOf(r.text);
    assert.ok(f, r.text);
    return f;
  }

  for (const version of ['1.1', '1.2'] as Version[]) {
    const client = version === '1.1' ? 'soap:Client' : 'soap:Sender';
    describe(`SOAP ${version}`, () => {
      it('answers in its own envelope namespace and content type', async () => {
        const r = await soapPost(ws, version, envelope(version, get(1)), 'personGet');
        assert.equal(r.status, 200);
        assert.equal(r.contentType, version === '1.1' ? 'text/xml; charset=utf-8' : 'application/soap+xml; charset=utf-8');
        assert.ok(r.text.includes(`xmlns:soap="${version === '1.1' ? SOAP11_NS : SOAP12_NS}"`), r.text);
        assert.match(r.text, /<personGetResponse xmlns="urn:persons:types"[^>]*><result><id>1<\/id><lastname>Geller<\/lastname>/);
      });

      it('reads any prefixes the client picks, and unqualified children', async () => {
        const ns = version === '1.1' ? SOAP11_NS : SOAP12_NS;
        const text = `<ENV:Envelope xmlns:ENV="${ns}"><ENV:Body><p:personGet xmlns:p="urn:persons:types"><id>2</id></p:personGet></ENV:Body></ENV:Envelope>`;
        const r = await soapPost(ws, version, text, '');
        assert.equal(r.status, 200, r.text);
        assert.match(r.text, /<firstname>Monica<\/firstname>/);
      });

      it('takes the action as the WSDL writes it, as a URI ending in the operation, or none', async () => {
        // SOAP 1.1 needs the header to be SOAP at all; an empty one names no action.
        for (const action of [
          'personGet',
          'urn:persons:personGet',
          'http://example.com/ws/personGet',
          'urn:persons#personGet',
          version === '1.1' ? '' : null,
        ]) {
          const r = await soapPost(ws, version, envelope(version, get(1)), action);
          assert.equal(r.status, 200, `${action}: ${r.text}`);
        }
      });

      it('an action naming another operation is a Client fault', async () => {
        const f = await fault(version, envelope(version, get(1)), 'personList');
        assert.equal(f.code, client);
        assert.match(f.reason, /action "personList" does not match the operation personGet/);
      });

      it('a Client fault from the handler, with HTTP 500', async () => {
        assert.deepEqual(await fault(version, envelope(version, get(99))), { code: client, reason: 'Unknown ID' });
      });

      it('a wrong argument type is a Client fault naming the argument', async () => {
        const f = await fault(version, envelope(version, get('one')));
        assert.equal(f.code, client);
        assert.match(f.reason, /^Invalid input for field\/attribute id\. Value: 'one'\./);
      });

      it('a missing argument, an unknown one, a repeated one', async () => {
        assert.match((await fault(version, envelope(version, `<personGet ${T}/>`))).reason, /Missing argument: "id"/);
        assert.match((await fault(version, envelope(version, `<personGet ${T}><id>1</id><x>2</x></personGet>`))).reason, /Unknown argument: "x"/);
        assert.match((await fault(version, envelope(version, `<personGet ${T}><id>1</id><id>2</id></personGet>`))).reason, /id/);
        assert.match((await fault(version, envelope(version, `<personGet ${T}><__proto__>1</__proto__></personGet>`))).reason, /Unknown argument: "__proto__"/);
      });

      it('each fault names its stable code in the detail', async () => {
        const codeOf = async (text: string, action: string | null = '') =>
          /<sb:code>(\w+)<\/sb:code>/.exec((await soapPost(ws, version, text, action)).text)?.[1];
        assert.equal(await codeOf(envelope(version, `<personFly ${T}/>`)), 'SB_SOAP_UNKNOWN_OPERATION');
        assert.equal(await codeOf(envelope(version, get(1)), 'personList'), 'SB_SOAP_ACTION_MISMATCH');
        assert.equal(await codeOf(envelope(version, get(99))), 'SB_CLIENT_ERROR');
        assert.equal(await codeOf(envelope(version, `<personGet ${T}/>`)), 'SB_MISSING_ARGUMENT');
        assert.equal(await codeOf(envelope(version, '')), 'SB_SOAP_EMPTY_BODY');
        assert.equal(await codeOf(envelope(version === '1.1' ? '1.2' : '1.1', get(1))), 'SB_SOAP_VERSION_MISMATCH');
      });

      it('an unknown operation, or one in another namespace', async () => {
        const f = await fault(version, envelope(version, `<personFly ${T}/>`));
        assert.equal(f.code, client);
        assert.match(f.reason, /unknown operation \{urn:persons:types\}personFly; operations in \{urn:persons:types\}: personGet, personList/);
        assert.match(
          (await fault(version, envelope(version, '<personGet xmlns="urn:other"><id>1</id></personGet>'))).reason,
          /unknown operation \{urn:other\}personGet/,
        );
      });

      it('an envelope without a Body, with an empty Body, or that is no envelope', async () => {
        const ns = version === '1.1' ? SOAP11_NS : SOAP12_NS;
        assert.match((await fault(version, `<s:Envelope xmlns:s="${ns}"><s:Header/></s:Envelope>`)).reason, /no Body/);
        assert.match((await fault(version, `<s:Envelope xmlns:s="${ns}"><s:Body/></s:Envelope>`)).reason, /Body is empty/);
        assert.match((await fault(version, `<s:Envelope xmlns:s="${ns}"><Body>${get(1)}</Body></s:Envelope>`)).reason, /no Body/);
        assert.match((await fault(version, get(1))).reason, /not a SOAP Envelope/);
      });

      it('malformed XML, a DOCTYPE, an entity bomb, 10,000-deep nesting: Client faults, quickly', async () => {
        const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>${envelope(version, get('&lol2;')).replace(/^<\?xml[^>]*>/, '')}`;
        const deep = envelope(version, `<personGet ${T}><id>${'<a>'.repeat(10_000)}${'</a>'.repeat(10_000)}</id></personGet>`);
        const cases: [string, RegExp][] = [
          [envelope(version, get(1)).replace('</s:Body>', ''), /not in valid XML format/],
          ['not xml at all', /not in valid XML format/],
          [bomb, /DOCTYPE is not allowed/],
          [deep, /nested deeper than/],
          [envelope(version, get('&ext;')), /Undefined entity/],
        ];
        for (const [text, reason] of cases) {
          const f = await fault(version, text);
          assert.equal(f.code, client);
          assert.match(f.reason, reason);
        }
        // And the server still answers.
        assert.equal((await soapPost(ws, version, envelope(version, get(1)))).status, 200);
      });

      it('a header block that must be understood is a MustUnderstand fault', async () => {
        const must = version === '1.1' ? '1' : 'true';
        const header = `<h:Secure xmlns:h="urn:h" s:mustUnderstand="${must}"/>`;
        const f = await fault(version, envelope(version, get(1), header));
        assert.equal(f.code, 'soap:MustUnderstand');
        assert.match(f.reason, /\{urn:h\}Secure must be understood/);
        // Optional headers, and ones for another actor/role, are ignored.
        const other = version === '1.1' ? 's:actor="urn:someone-else"' : 's:role="urn:someone-else"';
        const ignored = `<h:Trace xmlns:h="urn:h"/><h:Secure xmlns:h="urn:h" s:mustUnderstand="${must}" ${other}/>`;
        assert.equal((await soapPost(ws, version, envelope(version, get(1), ignored))).status, 200);
      });
    });
  }

  it("the other version's envelope under a content type is a VersionMismatch fault", async () => {
    const f11 = await fault('1.1', envelope('1.2', get(1)));
    assert.equal(f11.code, 'soap:VersionMismatch');
    assert.match(f11.reason, /a SOAP 1\.2 envelope was sent as SOAP 1\.1/);
    const f12 = await fault('1.2', envelope('1.1', get(1)));
    assert.equal(f12.code, 'soap:VersionMismatch');
    const other = await fault('1.1', '<s:Envelope xmlns:s="urn:not-soap"><s:Body/></s:Envelope>');
    assert.equal(other.code, 'soap:VersionMismatch');
  });

  it('a streaming function is a Client fault naming the way out', async () => {
    const f = await fault('1.1', envelope('1.1', `<personWatch ${T}/>`));
    assert.deepEqual(f, {
      code: 'soap:Client',
      reason: 'person.watch streams its results, which SOAP cannot carry',
    });
  });

  it('a body in another charset, as its content type says', async () => {
    const text = envelope('1.1', `<personCreate ${T}><p><lastname>Müller</lastname></p></personCreate>`).replace('UTF-8', 'ISO-8859-1');
    const r = await fetch(ws, {
      method: 'POST',
      headers: { 'content-type': 'text/xml; charset=iso-8859-1', soapaction: '""' },
      body: Buffer.from(text, 'latin1'),
    });
    const answer = await r.text();
    assert.equal(r.status, 200, answer);
    assert.match(answer, /<lastname>Müller<\/lastname>/);
  });

  it('bytes that are not UTF-8 are a Client fault', async () => {
    const r = await fetch(ws, { method: 'POST', headers: { 'content-type': 'text/xml', soapaction: '' }, body: Buffer.from([0x3c, 0xff, 0xfe, 0x3e]) });
    assert.equal(r.status, 500);
    assert.equal(faultOf(await r.text())?.code, 'soap:Client');
    const klingon = await fetch(ws, { method: 'POST', headers: { 'content-type': 'text/xml; charset=klingon', soapaction: '' }, body: '<x/>' });
    assert.equal(klingon.status, 500);
    const klingonText = await klingon.text();
    assert.deepEqual(faultOf(klingonText), { code: 'soap:Client', reason: 'Invalid request: unknown charset klingon' });
    assert.match(klingonText, /<sb:code>SB_UNKNOWN_CHARSET<\/sb:code>/);
  });

  it('the charset is the content type parameter the selector read, not text inside another quoted parameter', async () => {
    const type = 'text/xml; note="a;charset=klingon"; charset=utf-8';
    const r = await fetch(ws, { method: 'POST', headers: { 'content-type': type, soapaction: '"personGet"' }, body: envelope('1.1', get(1)) });
    const answer = await r.text();
    assert.equal(r.status, 200, answer);
    assert.match(answer, /<firstname>Ross<\/firstname>/);
  });

  it('selection: a SOAPAction header or application/soap+xml; plain text/xml is not SOAP', async () => {
    const plain = await fetch(ws, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: envelope('1.1', get(1)) });
    assert.ok(!(await plain.text()).includes('Envelope'));
    // SOAPAction with a content type no SOAP version uses: 415 (WS-I BP R1124), as a 1.1 fault.
    const json = await fetch(ws, { method: 'POST', headers: { 'content-type': 'application/json', soapaction: '""' }, body: '{}' });
    assert.equal(json.status, 415);
    assert.match(faultOf(await json.text())?.reason ?? '', /Cannot read a body of type application\/json/);
  });

  it('SOAP requests go to the webpath itself, by POST', async () => {
    const elsewhere = await soapPost(`${ws}/person/get`, '1.1', envelope('1.1', get(1)));
    assert.equal(elsewhere.status, 500);
    assert.match(faultOf(elsewhere.text)?.reason ?? '', /No function at \/ws\/person\/get/);
    const r = await fetch(ws, { headers: { soapaction: '""' } });
    assert.equal(r.status, 500);
    assert.equal(r.headers.get('allow'), 'POST');
    assert.match(faultOf(await r.text())?.reason ?? '', /Method GET is not allowed/);
  });

  it('a body over the limit is a Client fault', async (t) => {
    const small = await serve(personsRoot(), { port: 0, host: '127.0.0.1', bodyLimit: 200 });
    t.after(() => small.close());
    const r = await soapPost(`${small.url}/ws`, '1.1', envelope('1.1', `<personGet ${T}><id>${'1'.repeat(500)}</id></personGet>`));
    assert.equal(r.status, 500);
    assert.deepEqual(faultOf(r.text), { code: 'soap:Client', reason: 'Request body is larger than the limit of 200 bytes' });
  });
});

describe('SOAP: the WSDL endpoint', () => {
  let running: Running;
  before(async () => {
    running = await serve(personsRoot(), { port: 0, host: '127.0.0.1' });
  });
  after(() => running.close());

  it('serves WSDL 1.1 at api.wsdl and at ?wsdl, with the address from Host', async () => {
    for (const path of ['/ws/api.wsdl', '/ws?wsdl']) {
      const r = await fetch(`${running.url}${path}`);
      assert.equal(r.status, 200);
      assert.equal(r.headers.get('content-type'), 'text/xml; charset=utf-8');
      const text = await r.text();
      assert.ok(text.includes(`<soap:address location="${running.url}/ws"/>`), text);
      assert.ok(text.includes(`<soap12:address location="${running.url}/ws"/>`));
    }
    const head = await fetch(`${running.url}/ws/api.wsdl`, { method: 'HEAD' });
    assert.equal(head.status, 200);
    const post = await fetch(`${running.url}/ws/api.wsdl`, { method: 'POST', body: 'x' });
    assert.equal(post.status, 405);
    assert.equal(post.headers.get('allow'), 'GET, HEAD');
    await post.arrayBuffer();
  });

  it('honours X-Forwarded-Proto (with trustProxy) and the Host header (escaped, and checked)', async (t) => {
    const trusting = await serve(personsRoot(), { port: 0, host: '127.0.0.1', trustProxy: true });
    t.after(() => trusting.close());
    // node:http, since fetch will not send a Host of the caller's choosing.
    const wsdlWith = (headers: Record<string, string>) => getText(`${trusting.url}/ws/api.wsdl`, headers);
    const proxied = await wsdlWith({ 'x-forwarded-proto': 'https', host: 'api.example.com' });
    assert.ok(proxied.includes('<soap:address location="https://api.example.com/ws"/>'), proxied);
    const odd = await wsdlWith({ 'x-forwarded-proto': 'gopher', host: 'a"b<c' });
    assert.ok(odd.includes('<soap:address location="http://localhost/ws"/>'), odd);
  });

  it("has WSME's names, documentation strings and both bindings", async () => {
    const text = await (await fetch(`${running.url}/ws/api.wsdl`)).text();
    for (const part of [
      '<wsdl:message name="personGetRequest"><wsdl:part name="parameters" element="types:personGet"/></wsdl:message>',
      '<wsdl:message name="personGetResponse"><wsdl:part name="parameters" element="types:personGetResponse"/></wsdl:message>',
      '<xs:element name="personGetResponse"><xs:complexType><xs:sequence><xs:element name="result" minOccurs="0" nillable="true" type="types:Person"/>',
      '<xs:complexType name="Person_Array"><xs:sequence><xs:element name="item" minOccurs="0" maxOccurs="unbounded" type="types:Person"/>',
      '<xs:complexType name="String_Array">',
      '<wsdl:operation name="personGet"><wsdl:documentation>One person by id.</wsdl:documentation>',
      '<soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>',
      '<soap12:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>',
      '<soap:operation soapAction="personGet" style="document"/>',
      '<wsdl:port name="persons_Port12" binding="tns:persons_Binding12">',
    ]) {
      assert.ok(text.includes(part), part);
    }
  });

  it('leaves out the streaming person.watch (SOAP refuses it), and says so', async () => {
    const text = await (await fetch(`${running.url}/ws/api.wsdl`)).text();
    assert.ok(!text.includes('personWatch'.concat('Request')), 'no message');
    for (const part of ['<wsdl:operation name="personWatch"', 'name="personWatchResponse"', 'element="types:personWatch"'])
      assert.ok(!text.includes(part), part);
    assert.ok(text.includes('<wsdl:documentation>'), text);
    assert.match(
      text,
      /<wsdl:documentation>WSME's protocol example: a person controller\.\nNot in this WSDL: personWatch \(person\.watch\) streams its results, which SOAP cannot carry; call it over a streaming protocol\.<\/wsdl:documentation>/,
    );
  });

  it('options: tns, typenamespace, servicename, baseUrl', async (t) => {
    const custom = await serve(kitchenRoot(), {
      port: 0,
      host: '127.0.0.1',
      protocols: [
        soap({
          tns: 'http://example.com/kitchen',
          typenamespace: 'http://example.com/kitchen/types',
          servicename: 'Kitchen',
          baseUrl: 'https://soap.example.com/ws/',
        }),
        restjson(),
      ],
    });
    t.after(() => custom.close());
    const text = await (await fetch(`${custom.url}/ws/api.wsdl`)).text();
    assert.ok(text.includes('targetNamespace="http://example.com/kitchen"'));
    assert.ok(text.includes('<xs:schema targetNamespace="http://example.com/kitchen/types"'));
    assert.ok(text.includes('<wsdl:service name="Kitchen">'));
    assert.ok(text.includes('<soap:address location="https://soap.example.com/ws"/>'));
    // The operation element is looked up in the configured types namespace.
    const r = await soapPost(`${custom.url}/ws`, '1.1', envelope('1.1', '<echoInt xmlns="http://example.com/kitchen/types"><v>5</v></echoInt>'), 'echoInt');
    assert.equal(r.status, 200, r.text);
    assert.match(r.text, /<echoIntResponse xmlns="http:\/\/example\.com\/kitchen\/types"[^>]*><result>5<\/result>/);
  });
});

describe('SOAP: an API whose names XML cannot carry', () => {
  it('the WSDL is a Server fault (logged); the app and its calls still work', async (t) => {
    const seen: unknown[] = [];
    const odd = root({
      webpath: 'ws',
      name: 'odd',
      controllers: { a: controller({ b: expose({ args: { 'x y': t_.integer() }, returns: t_.integer() }, (args) => args['x y']) }) },
    });
    const running = await serve(odd, { port: 0, host: '127.0.0.1', onServerError: (e) => seen.push(e.cause) });
    t.after(() => running.close());
    const r = await fetch(`${running.url}/ws/api.wsdl`);
    assert.equal(r.status, 500);
    assert.deepEqual(faultOf(await r.text()), { code: 'soap:Server', reason: 'Internal server error' });
    assert.match(String(seen[0]), /Element name "x y" is not a valid XML name/);
    const rest = await fetch(`${running.url}/ws/a/b?x%20y=4`);
    assert.equal(await rest.text(), '4');
  });
});

describe('SOAP: Server faults and debug mode', () => {
  const K = 'xmlns="urn:kitchen:types"';
  for (const debug of [false, true]) {
    it(`a thrown Error is a Server/Receiver fault${debug ? ' with the stack in detail' : ' with only its code in detail'}`, async (t) => {
      const seen: string[] = [];
      const running = await serve(kitchenRoot(), { port: 0, host: '127.0.0.1', debug, onServerError: (e) => seen.push(e.message) });
      t.after(() => running.close());
      for (const version of ['1.1', '1.2'] as Version[]) {
        const r = await soapPost(`${running.url}/ws`, version, envelope(version, `<miscFail ${K}/>`));
        assert.equal(r.status, 500);
        assert.deepEqual(faultOf(r.text), { code: version === '1.1' ? 'soap:Server' : 'soap:Receiver', reason: 'Internal server error' });
        const detail = version === '1.1' ? /<detail><debuginfo>Error: boom: a secret detail/ : /<soap:Detail><debuginfo>Error: boom: a secret detail/;
        if (debug) assert.match(r.text, detail);
        else assert.ok(!r.text.includes('secret') && !r.text.includes('debuginfo'), r.text);
        const code = '<sb:fault xmlns:sb="urn:switchboard:fault"><sb:code>SB_SERVER_ERROR</sb:code></sb:fault>';
        assert.ok(r.text.includes(version === '1.1' ? `${code}</detail>` : `${code}</soap:Detail>`), r.text);
      }
      assert.deepEqual(seen, ['Internal server error', 'Internal server error']);
    });
  }

  it('optional and defaulted arguments; null and no results', async (t) => {
    const running = await serve(kitchenRoot(), { port: 0, host: '127.0.0.1' });
    t.after(() => running.close());
    const call = async (body: string) => (await soapPost(`${running.url}/ws`, '1.2', envelope('1.2', body))).text;
    assert.match(await call(`<miscOptional ${K}><a>1</a></miscOptional>`), /<result>1\|unset\|7<\/result>/);
    assert.match(await call(`<miscOptional ${K}><a>1</a><b>x</b><c>2</c></miscOptional>`), /<result>1\|x\|2<\/result>/);
    assert.match(await call(`<miscNothing ${K}/>`), /<miscNothingResponse [^>]*><result xsi:nil="true"\/><\/miscNothingResponse>/);
    assert.match(await call(`<miscNoResult ${K}/>`), /<miscNoResultResponse [^>]*><\/miscNoResultResponse>/);
  });
});
