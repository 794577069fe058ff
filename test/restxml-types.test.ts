// REST+XML end to end: WSME's XML type table both ways (every type, int64, unset vs null,
// arrays, dicts, nested complex types, the `body` option) and the Server faults, through a
// real server running the kitchen test root.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Running, serve } from '../src/index.ts';
import { call } from './helpers/http.ts';
import { kitchenRoot } from './helpers/kitchen.ts';

function postXml(url: string, body: string, method = 'POST') {
  return call(url, { method, headers: { 'content-type': 'text/xml' }, body });
}
/** A fault document; a validation fault (`path` given) also lists its one field error. */
const fault = (faultstring: string, code = 'SB_CLIENT_ERROR', faultcode = 'Client', path?: string) =>
  `<error><faultcode>${faultcode}</faultcode><faultstring>${faultstring}</faultstring><debuginfo/><code>${code}</code>${path === undefined ? '' : `<fields><field path="${path}">${faultstring}</field></fields>`}</error>`;

describe('REST+XML: types and argument shapes', () => {
  let running: Running;
  let base: string;
  before(async () => {
    running = await serve(kitchenRoot(), { port: 0, host: '127.0.0.1' });
    base = `${running.url}/k`;
  });
  after(() => running.close());

  const ok = async (r: Promise<{ status: number; text: string }>, expected: string) => {
    const a = await r;
    assert.deepEqual([a.status, a.text], [200, expected === '' ? '<result/>' : `<result>${expected}</result>`]);
  };
  const bad = async (r: Promise<{ status: number; text: string }>, faultstring: string | RegExp, code?: string, path?: string) => {
    const a = await r;
    assert.equal(a.status, 400, a.text);
    if (typeof faultstring === 'string') assert.equal(a.text, fault(faultstring, code, 'Client', path));
    else assert.match(a.text, faultstring);
  };

  it('every type of the table, both ways', async () => {
    const all =
      '<s>a &lt;string&gt; é😀</s><i>-5</i><f>3.14</f><b>true</b><dec>5.46</dec><d>2010-04-27</d><tm>12:54:18</tm><dt>2010-04-27T12:54:18</dt>' +
      '<bin>aGVsbG8=</bin><big>9223372036854775807</big><color>green</color><tags><item>x</item><item>y</item></tags>' +
      '<counts><item><key>a</key><value>1</value></item><item><key>b c</key><value>2</value></item></counts>';
    await ok(postXml(`${base}/args/all`, `<parameters><x>${all}</x></parameters>`), all);
  });

  it('scalar variants: whitespace around numbers, WSME booleans', async () => {
    await ok(postXml(`${base}/args/all`, '<parameters><x><i> 7 </i><b>0</b><f>1e3</f></x></parameters>'), '<i>7</i><f>1000</f><b>false</b>');
    await ok(postXml(`${base}/args/flag`, '<parameters><b>yes</b></parameters>'), 'true');
  });

  it('int64 keeps every digit', async () => {
    await ok(postXml(`${base}/args/big`, '<parameters><n>9223372036854775806</n></parameters>'), '9223372036854775807');
    await ok(call(`${base}/args/big.xml?n=-9223372036854775808`), '-9223372036854775807');
    await bad(postXml(`${base}/args/big`, '<parameters><n>9223372036854775808</n></parameters>'), /Value should be between/);
  });

  it('arrays: items, empty, query forms', async () => {
    await ok(postXml(`${base}/args/ints`, '<parameters><v><item>3</item><item>1</item></v></parameters>'), '<item>3</item><item>1</item>');
    await ok(postXml(`${base}/args/ints`, '<parameters><v/></parameters>'), '');
    await ok(call(`${base}/args/ints.xml?v=1&v=2`), '<item>1</item><item>2</item>');
    await bad(
      postXml(`${base}/args/ints`, '<parameters><v><item>1</item><item>x</item></v></parameters>'),
      /Invalid input for field\/attribute v\[1\]\. Value: 'x'/,
    );
    await bad(postXml(`${base}/args/ints`, '<parameters><v><value>1</value></v></parameters>'), /v\.value.*list items are &lt;item&gt; elements/);
  });

  it('arrays of nested complex types', async () => {
    const v = '<item><inner><aint>54</aint></inner><name>a</name></item><item><inner><astr>été</astr></inner></item>';
    await ok(postXml(`${base}/args/outers`, `<parameters><v>${v}</v></parameters>`), v);
    await bad(
      postXml(`${base}/args/outers`, '<parameters><v><item><inner><nope/></inner></item></v></parameters>'),
      'Unknown attribute for argument v[0].inner: nope',
      'SB_UNKNOWN_ATTRIBUTE',
      'v[0].inner',
    );
  });

  it('dicts', async () => {
    await ok(
      postXml(`${base}/args/dict`, '<parameters><d><item><key>k</key><value>3</value></item></d></parameters>'),
      '<item><key>k</key><value>3</value></item>',
    );
    await ok(postXml(`${base}/args/dict`, '<parameters><d/></parameters>'), '');
    await ok(call(`${base}/args/dict.xml?d[x]=9`), '<item><key>x</key><value>9</value></item>');
  });

  it('unset vs null: nil is null, absent is unset', async () => {
    await ok(postXml(`${base}/args/thing`, '<parameters><x><a nil="true"/><b>s</b></x></parameters>'), '<a nil="true"/><b>s</b>');
    await ok(
      postXml(
        `${base}/args/thing`,
        '<parameters xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><x><a xsi:nil="true"/><n xsi:nil="true"/></x></parameters>',
      ),
      '<a nil="true"/><n nil="true"/>',
    );
    await ok(postXml(`${base}/args/thing`, '<parameters><x/></parameters>'), '');
  });

  it('invalid dates and other bad scalars name the field', async () => {
    await bad(
      postXml(`${base}/args/all`, '<parameters><x><d>2010-02-30</d></x></parameters>'),
      /field\/attribute x\.d\. Value: '2010-02-30'\. Value should be a valid date/,
    );
    await bad(postXml(`${base}/args/all`, '<parameters><x><dt>soon</dt></x></parameters>'), /x\.dt\. Value: 'soon'/);
    await bad(
      postXml(`${base}/args/all`, '<parameters><x><color>pink</color></x></parameters>'),
      /x\.color\. Value: 'pink'\. Value should be one of: red, green, blue/,
    );
    await bad(postXml(`${base}/args/all`, '<parameters><x><bin>!!</bin></x></parameters>'), /x\.bin/);
    await bad(postXml(`${base}/args/bounded`, '<parameters><n>11</n><code>ABC</code></parameters>'), /lower or equal to 10/);
    await bad(postXml(`${base}/args/bounded`, '<parameters><n>1</n><code>abc</code></parameters>'), /pattern/);
  });

  it('the body option: the whole XML document is the argument', async () => {
    await ok(postXml(`${base}/args/body?id=4`, '<x><a>1</a><b>2</b></x>', 'PUT'), '<a>1</a><b>2</b><n>4</n>');
    await ok(postXml(`${base}/args/body`, '<anything><b>2</b></anything>', 'PUT'), '<b>2</b><n nil="true"/>');
    await bad(postXml(`${base}/args/body`, '<x><zz/></x>', 'PUT'), 'Unknown attribute for argument x: zz', 'SB_UNKNOWN_ATTRIBUTE', 'x');
  });

  it('nested controllers', async () => {
    await ok(postXml(`${base}/nest/deeper/hello`, '<parameters><who>you</who></parameters>'), 'hello you');
  });

  it('a function without result, a ClientError with its own status', async () => {
    const r = await call(`${base}/misc/nothing.xml`);
    assert.deepEqual([r.status, r.text], [200, '<result nil="true"/>']);
    const t = await call(`${base}/misc/teapot.xml`);
    assert.deepEqual([t.status, t.text], [418, fault('I am a teapot')]);
  });

  it('Server faults hide internals: 500, generic faultstring, empty debuginfo', async () => {
    for (const fn of ['boom', 'asyncBoom']) {
      const r = await call(`${base}/misc/${fn}.xml`);
      assert.equal(r.status, 500, fn);
      assert.equal(r.text, fault('Internal server error', 'SB_SERVER_ERROR', 'Server'), fn);
      assert.doesNotMatch(r.text, /secret/);
    }
    // A result that does not fit its schema is the server's fault too (as in REST+JSON).
    const r = await call(`${base}/misc/badResult.xml`);
    assert.deepEqual([r.status, r.text], [500, fault('The function returned an invalid value at result: expected integer', 'SB_INVALID_RESULT', 'Server')]);
  });

  it('a 404 on a .xml path answers in XML', async () => {
    const r = await call(`${base}/nope/nothing.xml`);
    assert.equal(r.status, 404);
    assert.match(r.headers.get('content-type') ?? '', /^text\/xml/);
    assert.match(
      r.text,
      /^<error><faultcode>Client<\/faultcode><faultstring>No function at .*<\/faultstring><debuginfo\/><code>SB_NOT_FOUND<\/code><\/error>$/,
    );
  });
});

describe('REST+XML: debug mode', () => {
  let running: Running;
  before(async () => {
    running = await serve(kitchenRoot(), { port: 0, host: '127.0.0.1', debug: true });
  });
  after(() => running.close());

  it('debuginfo carries the escaped stack of the cause', async () => {
    const r = await call(`${running.url}/k/misc/boom.xml`);
    assert.equal(r.status, 500);
    assert.match(r.text, /^<error><faultcode>Server<\/faultcode><faultstring>Internal server error<\/faultstring><debuginfo>Error: secret internals\n\s+at /);
    assert.match(r.text, /<\/debuginfo><code>SB_SERVER_ERROR<\/code><\/error>$/);
  });
});
