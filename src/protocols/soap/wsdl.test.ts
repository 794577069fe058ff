import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { controller, expose, root } from '../../api/index.ts';
import type { SbRequest } from '../../runtime/http.ts';
import { compileApi } from '../../runtime/compile.ts';
import { t } from '../../schema/types.ts';
import { operationNames } from './names.ts';
import { resolveOptions } from './options.ts';
import { wsdlTemplate } from './wsdl.ts';
import { WsdlCache, requestAddress } from './wsdl-cache.ts';

const api = (members: Parameters<typeof controller>[0], name = 'demo') => compileApi(root({ webpath: 'api', name, controllers: { svc: controller(members) } }));
const ping = expose({ args: { n: t.integer() }, returns: t.string(), doc: 'Says <pong> & more.' }, ({ n }) => `pong ${n}`);

const fakeRequest = (headers: Record<string, string>): SbRequest => ({
  method: 'GET',
  path: '/api/api.wsdl',
  query: '',
  remoteAddress: undefined,
  signal: new AbortController().signal,
  header: (name) => headers[name],
  hasBody: false,
  body: () => Promise.resolve(new Uint8Array()),
});

describe('WSDL generation', () => {
  it('defaults: tns urn:<name>, types <tns>:types, service named after the root', () => {
    const a = api({ ping });
    const o = resolveOptions(a.root, {});
    assert.deepEqual(o, { tns: 'urn:demo', typenamespace: 'urn:demo:types', servicename: 'demo', baseUrl: undefined });
    assert.equal(resolveOptions(a.root, { tns: 'http://x.org/a' }).typenamespace, 'http://x.org/a/types');
    assert.equal(resolveOptions(compileApi(root({ name: '9 lives!', controllers: {} })).root, {}).servicename, '_9_lives_');
  });

  it('escapes documentation, namespaces and the address', () => {
    const a = api({ ping });
    const tpl = wsdlTemplate(a, operationNames(a.functions), resolveOptions(a.root, { tns: 'urn:a&b' }));
    const text = tpl.render('http://h/x?a=1&b="2"');
    assert.match(text, /<wsdl:documentation>Says &lt;pong&gt; &amp; more\.<\/wsdl:documentation>/);
    assert.match(text, /targetNamespace="urn:a&amp;b"/);
    assert.match(text, /<soap:address location="http:\/\/h\/x\?a=1&amp;b=&quot;2&quot;"\/>/);
  });

  it('leaves streaming functions out, and says which and why in its documentation', () => {
    const watch = expose({ returns: t.string(), stream: true }, async function* () {
      yield 'x';
    });
    const a = api({ ping, watch });
    const text = wsdlTemplate(a, operationNames(a.functions), resolveOptions(a.root, {})).render('http://h/api');
    assert.ok(text.includes('<wsdl:operation name="svcPing">'));
    assert.doesNotMatch(text, /svcWatch"/);
    assert.match(
      text,
      /<wsdl:definitions [^>]*>\n {2}<wsdl:documentation>Not in this WSDL: svcWatch \(svc\.watch\) streams its results, which SOAP cannot carry; call it over a streaming protocol\.<\/wsdl:documentation>/,
    );
    // Nothing to say when every function is listed.
    const b = api({ ping });
    assert.doesNotMatch(wsdlTemplate(b, operationNames(b.functions), resolveOptions(b.root, {})).render('http://h/api'), /Not in this WSDL/);
  });

  it('names XML cannot carry are a TypeError when the WSDL is built', () => {
    const a = api({ ping: expose({ args: { 'bad name': t.integer() } }, () => undefined) });
    assert.throws(() => wsdlTemplate(a, operationNames(a.functions), resolveOptions(a.root, {})), /Element name "bad name" is not a valid XML name/);
    const b = api({ ping });
    assert.throws(() => wsdlTemplate(b, operationNames(b.functions), resolveOptions(b.root, { servicename: 'a b' })), /Service name "a b"/);
  });
});

describe('WSDL per address', () => {
  it('builds the address from Host, X-Forwarded-Proto and the webpath', () => {
    assert.equal(requestAddress(fakeRequest({ host: 'h:8' }), '/api'), 'http://h:8/api');
    assert.equal(requestAddress(fakeRequest({ host: 'h', 'x-forwarded-proto': 'HTTPS, http' }), '/api', true), 'https://h/api');
    assert.equal(requestAddress(fakeRequest({ host: 'h', 'x-forwarded-proto': 'HTTPS, http' }), '/api'), 'http://h/api');
    assert.equal(requestAddress(fakeRequest({ host: '[::1]:8080' }), ''), 'http://[::1]:8080/');
    assert.equal(requestAddress(fakeRequest({ host: 'a b' }), '/api'), 'http://localhost/api');
    assert.equal(requestAddress(fakeRequest({}), '/api'), 'http://localhost/api');
  });

  it('caches each address, boundedly, and uses baseUrl when set', () => {
    const a = api({ ping });
    const cache = new WsdlCache(a, resolveOptions(a.root, {}));
    const first = cache.get(fakeRequest({ host: 'one' }));
    assert.equal(cache.get(fakeRequest({ host: 'one' })), first);
    for (let i = 0; i < 100; i++) cache.get(fakeRequest({ host: `h${i}` }));
    assert.equal(cache.size, 16);
    const fixed = new WsdlCache(a, resolveOptions(a.root, { baseUrl: 'https://svc.example/api/' }));
    assert.match(fixed.get(fakeRequest({ host: 'evil' })), /location="https:\/\/svc\.example\/api"/);
  });
});
