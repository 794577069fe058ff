// Hostile XML against REST+XML on a real server: entity bombs, DOCTYPEs with external
// entities, deep nesting, prototype-polluting names, malformed documents and garbage. Each must
// be a Client fault in XML (never a crash, never a hang), and the server must answer the next
// request. Speed is measured in bench/, not asserted here.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { type Running, serve } from '../src/index.ts';
import { useDemo } from './helpers/demo.ts';
import { call } from './helpers/http.ts';
import { kitchenRoot } from './helpers/kitchen.ts';

const ROSS =
  '<result><id>1</id><lastname>Geller</lastname><firstname>Ross</firstname><age>30</age><hobbies><item>Dinosaurs</item><item>Rachel</item></hobbies></result>';

function postXml(url: string, body: string | Uint8Array) {
  return call(url, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: typeof body === 'string' ? body : Buffer.from(body) });
}

const billionLaughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [
  <!ENTITY lol "lol">
  ${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('\n  ')}
]>
<parameters><id>&lol9;</id></parameters>`;

const attacks: [string, string | Uint8Array, RegExp, string?][] = [
  ['billion laughs entity bomb', billionLaughs, /DOCTYPE is not allowed/],
  [
    'quadratic blowup (one big entity used many times)',
    `<!DOCTYPE a [<!ENTITY x "${'x'.repeat(50_000)}">]><parameters><id>${'&x;'.repeat(10_000)}</id></parameters>`,
    /DOCTYPE is not allowed/,
  ],
  [
    'external entity (XXE) reading a file',
    '<?xml version="1.0"?><!DOCTYPE p [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><parameters><id>&xxe;</id></parameters>',
    /DOCTYPE is not allowed/,
  ],
  ['external DTD over the network', '<!DOCTYPE parameters SYSTEM "http://127.0.0.1:9/evil.dtd"><parameters><id>1</id></parameters>', /DOCTYPE is not allowed/],
  ['parameter entities', '<!DOCTYPE p [<!ENTITY % e SYSTEM "http://127.0.0.1:9/x"> %e;]><parameters/>', /DOCTYPE is not allowed/],
  ['an undefined entity without a DTD', '<parameters><id>&xxe;</id></parameters>', /Undefined entity &amp;xxe;/],
  ['10,000-deep nesting', `${'<a>'.repeat(10_000)}${'</a>'.repeat(10_000)}`, /nested deeper than 100 levels/],
  ['10,000-deep nesting, never closed', '<a>'.repeat(10_000), /nested deeper than 100 levels/],
  [
    '<__proto__> as an argument',
    '<parameters><__proto__><polluted>yes</polluted></__proto__></parameters>',
    /Unknown argument: &quot;__proto__&quot;|Unknown argument: "__proto__"/,
    'SB_UNKNOWN_ARGUMENT',
  ],
  [
    'constructor/prototype as an argument',
    '<parameters><constructor><prototype><polluted>yes</polluted></prototype></constructor></parameters>',
    /Unknown argument: "constructor"/,
    'SB_UNKNOWN_ARGUMENT',
  ],
  ['50,000 attributes on one element', `<parameters ${Array.from({ length: 50_000 }, (_, i) => `a${i}="1"`).join(' ')}/>`, /More than 256 attributes/],
  [
    'thousands of namespace declarations',
    `${Array.from({ length: 50 }, () => `<e ${Array.from({ length: 200 }, (_, i) => `xmlns:p${i}="urn:x"`).join(' ')}>`).join('')}`,
    /More than 1024 namespace declarations/,
  ],
  ['malformed: unclosed', '<parameters><id>1</id>', /Unclosed element &lt;parameters&gt;/],
  ['malformed: mismatched', '<parameters><id>1</ID></parameters>', /does not match/],
  ['malformed: bad attribute', '<parameters a=1><id>1</id></parameters>', /quoted value/],
  ['malformed: two roots', '<a/><b/>', /second root element/],
  ['malformed: undeclared prefix', '<x:parameters><id>1</id></x:parameters>', /Undeclared namespace prefix "x"/],
  ['a control character', '<parameters><id>1\u0007</id></parameters>', /U\+0007 is not allowed/],
  ['garbage text', 'hello, world', /Text before the root element/],
  ['garbage bytes (not UTF-8)', new Uint8Array(randomBytes(4096).map((b, i) => (i === 0 ? 0xff : b))), /the body is not valid utf-8/, 'SB_BAD_TEXT_ENCODING'],
  ['garbage text (UTF-8)', Buffer.from(randomBytes(2048).toString('latin1').replace(/</g, ' '), 'utf8'), /not in valid XML format/],
  ['only a declaration', '<?xml version="1.0"?>', /No root element/],
  ['an unterminated comment', '<parameters><!-- ', /Unterminated comment/],
  ['a CDATA section outside the root', '<![CDATA[x]]>', /CDATA outside the root/],
];

describe('REST+XML: hostile documents are client errors', () => {
  const demo = useDemo();

  for (const [name, body, reason, code = 'SB_INVALID_XML'] of attacks) {
    it(name, async () => {
      const r = await postXml(`${demo.ws}/get`, body);
      assert.equal(r.status, 400, r.text.slice(0, 300));
      assert.match(r.headers.get('content-type') ?? '', /^text\/xml/);
      assert.match(r.text, /^<error><faultcode>Client<\/faultcode><faultstring>.*<\/faultstring><debuginfo\/><code>(\w+)<\/code><\/error>$/s);
      assert.equal(/<code>(\w+)<\/code>/.exec(r.text)?.[1], code);
      assert.match(r.text, reason);
      assert.doesNotMatch(r.text, /root:/, 'no file content leaks');
      // The server answers the next request.
      assert.equal((await call(`${demo.ws}/get.xml?id=1`)).text, ROSS);
    });
  }

  it('nothing was polluted', () => {
    const probe: Record<string, unknown> = {};
    assert.equal(probe.polluted, undefined);
    assert.equal(Object.hasOwn(Object.prototype, 'polluted'), false);
  });

  it('a body over the limit is 413 in XML', async () => {
    const r = await postXml(`${demo.ws}/get`, `<parameters><id>1</id><pad>${'x'.repeat(1024 * 1024 + 10)}</pad></parameters>`);
    assert.equal(r.status, 413);
    assert.match(r.text, /^<error><faultcode>Client<\/faultcode><faultstring>Request body is larger than the limit of \d+ bytes<\/faultstring>/);
    assert.equal((await call(`${demo.ws}/get.xml?id=1`)).text, ROSS);
  });

  it('many attacks at once, then a normal request', async () => {
    const all = await Promise.all(attacks.map(([, body]) => postXml(`${demo.ws}/get`, body)));
    assert.deepEqual(
      all.map((r) => r.status),
      attacks.map(() => 400),
    );
    assert.equal((await call(`${demo.ws}/get.xml?id=1`)).text, ROSS);
  });
});

describe('REST+XML: hostile names inside values', () => {
  let running: Running;
  let base: string;
  before(async () => {
    running = await serve(kitchenRoot(), { port: 0, host: '127.0.0.1' });
    base = `${running.url}/k/args`;
  });
  after(() => running.close());

  it('<__proto__> inside a complex type is an unknown attribute', async () => {
    const r = await postXml(`${base}/thing`, '<parameters><x><__proto__><b>evil</b></__proto__></x></parameters>');
    assert.equal(r.status, 400);
    assert.match(r.text, /Unknown attribute for argument x: __proto__/);
  });

  it('a dict key named __proto__ is just a key', async () => {
    const r = await postXml(
      `${base}/dict`,
      '<parameters><d><item><key>__proto__</key><value>1</value></item><item><key>constructor</key><value>2</value></item></d></parameters>',
    );
    assert.equal(r.status, 200, r.text);
    assert.equal(r.text, '<result><item><key>__proto__</key><value>1</value></item><item><key>constructor</key><value>2</value></item></result>');
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('100,001 items are over the body limit; 1,000 are fine', async () => {
    const r = await postXml(`${base}/ints`, `<parameters><v>${'<item>1</item>'.repeat(100_001)}</v></parameters>`);
    // 1.4 MB: over the default body limit before the parser sees it.
    assert.equal(r.status, 413);
    const ok = await postXml(`${base}/ints`, `<parameters><v>${'<item>1</item>'.repeat(1000)}</v></parameters>`);
    assert.equal(ok.status, 200);
  });
});
