// REST+XML end to end: every function of the persons demo, through every way of selecting the
// protocol and every argument form, against a real server on 127.0.0.1 with Node's fetch.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { useDemo } from './helpers/demo.ts';
import { call, postForm } from './helpers/http.ts';

const ROSS = '<id>1</id><lastname>Geller</lastname><firstname>Ross</firstname><age>30</age><hobbies><item>Dinosaurs</item><item>Rachel</item></hobbies>';
const MONICA = '<id>2</id><lastname>Geller</lastname><firstname>Monica</firstname><age>28</age><hobbies><item>Food</item><item>Cleaning</item></hobbies>';
const result = (inner: string) => `<result>${inner}</result>`;
const fault = (faultstring: string, code = 'SB_CLIENT_ERROR', faultcode = 'Client') =>
  `<error><faultcode>${faultcode}</faultcode><faultstring>${faultstring}</faultstring><debuginfo/><code>${code}</code></error>`;

function postXml(url: string, body: string, type = 'text/xml') {
  return call(url, { method: 'POST', headers: { 'content-type': type }, body });
}

function isXml(r: { headers: Headers }): void {
  assert.match(r.headers.get('content-type') ?? '', /^text\/xml; charset=utf-8$/);
}

describe('REST+XML: the persons demo', () => {
  // A fresh demo per test: create/update/destroy change the stored persons.
  const demo = useDemo('each');

  it('get: selected by a trailing .xml, argument in the query', async () => {
    const r = await call(`${demo.ws}/get.xml?id=1`);
    assert.equal(r.status, 200);
    isXml(r);
    assert.equal(r.text, result(ROSS));
  });

  it('get: selected by Accept: text/xml (and application/xml)', async () => {
    for (const accept of ['text/xml', 'application/json;q=0.5, text/xml', 'application/xml']) {
      const r = await call(`${demo.ws}/get?id=2`, { headers: { accept } });
      assert.deepEqual([r.status, r.text], [200, result(MONICA)], accept);
    }
  });

  it('get: selected by wsmeproto=restxml', async () => {
    const r = await call(`${demo.ws}/get?id=1&wsmeproto=restxml`);
    assert.deepEqual([r.status, r.text], [200, result(ROSS)]);
  });

  it('get: an XML body <parameters>, any root name, selected by its content type', async () => {
    for (const body of [
      '<parameters><id>2</id></parameters>',
      '<?xml version="1.0"?>\n<args>\n  <id> 2 </id>\n</args>',
      '<p:x xmlns:p="urn:any"><p:id>2</p:id></p:x>',
    ]) {
      const r = await postXml(`${demo.ws}/get`, body);
      assert.deepEqual([r.status, r.text], [200, result(MONICA)], body);
      isXml(r);
    }
    const app = await postXml(`${demo.ws}/get`, '<parameters><id>1</id></parameters>', 'application/xml; charset=utf-8');
    assert.deepEqual([app.status, app.text], [200, result(ROSS)]);
  });

  it('get: urlencoded form post answered in XML', async () => {
    const r = await postForm(`${demo.ws}/get.xml`, 'id=2');
    assert.deepEqual([r.status, r.text], [200, result(MONICA)]);
  });

  it('get: unknown id is the demo client error, in XML', async () => {
    const r = await call(`${demo.ws}/get.xml?id=42`);
    assert.equal(r.status, 400);
    isXml(r);
    assert.equal(r.text, fault('Unknown ID'));
  });

  it('list: at its path and at the controller path; 405 in XML', async () => {
    for (const url of [`${demo.ws}/list.xml`, `${demo.ws}.xml`]) {
      const r = await call(url);
      assert.deepEqual([r.status, r.text], [200, result(`<item>${ROSS}</item><item>${MONICA}</item>`)], url);
    }
    const r = await call(`${demo.ws}/list.xml`, { method: 'POST' });
    assert.equal(r.status, 405);
    assert.equal(r.headers.get('allow'), 'GET, HEAD');
    assert.equal(r.text, fault('Method POST is not allowed here; allowed: GET, HEAD', 'SB_METHOD_NOT_ALLOWED'));
  });

  it('create: XML body with a complex type, then read back', async () => {
    const r = await postXml(
      `${demo.ws}/create`,
      '<parameters><p><lastname>Green</lastname><firstname>Rachel</firstname><age>29</age><hobbies><item>Fashion</item></hobbies></p></parameters>',
    );
    const rachel = '<id>3</id><lastname>Green</lastname><firstname>Rachel</firstname><age>29</age><hobbies><item>Fashion</item></hobbies>';
    assert.deepEqual([r.status, r.text], [200, result(rachel)]);
    assert.equal((await call(`${demo.ws}/get.xml?id=3`)).text, result(rachel));
  });

  it('create: WSME complex notation in a form, answered in XML', async () => {
    const r = await postForm(`${demo.ws}/create.xml`, 'p.firstname=Joey&p.hobbies[0]=Food&p.hobbies[1]=Acting');
    assert.deepEqual([r.status, r.text], [200, result('<id>3</id><firstname>Joey</firstname><hobbies><item>Food</item><item>Acting</item></hobbies>')]);
  });

  it('create: an id is refused as the demo does (the apostrophe is plain text)', async () => {
    const r = await postXml(`${demo.ws}/create`, '<parameters><p><id>9</id></p></parameters>');
    assert.deepEqual([r.status, r.text], [400, fault("I don't want an id")]);
  });

  it('update: XML body; unset attributes stay unset; a missing id is the demo error', async () => {
    const ok = await postXml(`${demo.ws}/update`, '<parameters><p><id>2</id><firstname>Mon &amp; ica</firstname><hobbies/></p></parameters>');
    assert.deepEqual([ok.status, ok.text], [200, result('<id>2</id><firstname>Mon &amp; ica</firstname><hobbies/>')]);
    const r = await postXml(`${demo.ws}/update`, '<parameters><p><firstname>Nobody</firstname></p></parameters>');
    assert.deepEqual([r.status, r.text], [400, fault('id is missing')]);
  });

  it('update: unicode survives both ways', async () => {
    const r = await postXml(`${demo.ws}/update`, '<parameters><p><id>1</id><firstname>Rôss 世界 😀</firstname></p></parameters>');
    assert.equal(r.text, result('<id>1</id><firstname>Rôss 世界 😀</firstname>'));
  });

  it('destroy: no return type answers <result nil="true"/>; then the person is gone', async () => {
    const r = await postXml(`${demo.ws}/destroy`, '<parameters><id>2</id></parameters>');
    assert.deepEqual([r.status, r.text], [200, '<result nil="true"/>']);
    assert.equal((await call(`${demo.ws}/get.xml?id=2`)).text, fault('Unknown ID'));
  });

  it('arguments combined: query string and XML body', async () => {
    const r = await postXml(`${demo.ws}/update?p.id=1`, '<parameters/>');
    assert.deepEqual([r.status, r.text], [200, result('<id>1</id>')]);
    const dup = await postXml(`${demo.ws}/get?id=1`, '<parameters><id>2</id></parameters>');
    assert.deepEqual([dup.status, dup.text], [400, fault('Parameter id was given several times', 'SB_DUPLICATE_ARGUMENT')]);
  });

  it('answers are well-formed for xmllint', async () => {
    const texts = [
      (await call(`${demo.ws}/list.xml`)).text,
      (await call(`${demo.ws}/get.xml?id=9`)).text,
      (await postXml(`${demo.ws}/destroy`, '<a><id>1</id></a>')).text,
    ];
    for (const text of texts) execFileSync('xmllint', ['--noout', '-'], { input: text });
  });
});

describe('REST+XML: client errors, in WSME words and XML', () => {
  const demo = useDemo();

  const cases: [string, () => Promise<{ status: number; text: string }>, string | RegExp, string][] = [
    ['missing argument', () => call(`${demo.ws}/get.xml`), 'Missing argument: "id"', 'SB_MISSING_ARGUMENT'],
    ['missing argument in an XML body', () => postXml(`${demo.ws}/get`, '<parameters/>'), 'Missing argument: "id"', 'SB_MISSING_ARGUMENT'],
    ['unknown argument in the query', () => call(`${demo.ws}/get.xml?id=1&x=2`), 'Unknown argument: "x"', 'SB_UNKNOWN_ARGUMENT'],
    [
      'unknown argument in an XML body',
      () => postXml(`${demo.ws}/get`, '<parameters><id>1</id><x>2</x></parameters>'),
      'Unknown argument: "x"',
      'SB_UNKNOWN_ARGUMENT',
    ],
    [
      'repeated argument in an XML body',
      () => postXml(`${demo.ws}/get`, '<parameters><id>1</id><id>2</id></parameters>'),
      'Parameter id was given several times',
      'SB_DUPLICATE_ARGUMENT',
    ],
    [
      'not an integer',
      () => postXml(`${demo.ws}/get`, '<parameters><id>abc</id></parameters>'),
      /^Invalid input for field\/attribute id\. Value: 'abc'\. unable to convert to int$/,
      'SB_INVALID_INPUT',
    ],
    [
      'nil for an integer',
      () => postXml(`${demo.ws}/get`, '<parameters><id nil="true"/></parameters>'),
      "Invalid input for field/attribute id. Value: 'nil'. Value should not be null",
      'SB_INVALID_INPUT',
    ],
    [
      'bad attribute of a complex type',
      () => postXml(`${demo.ws}/update`, '<parameters><p><id>x</id></p></parameters>'),
      /^Invalid input for field\/attribute p\.id\. Value: 'x'\./,
      'SB_INVALID_INPUT',
    ],
    [
      'unknown attribute of a complex type',
      () => postXml(`${demo.ws}/update`, '<parameters><p><id>1</id><shoe>9</shoe></p></parameters>'),
      'Unknown attribute for argument p: shoe',
      'SB_UNKNOWN_ATTRIBUTE',
    ],
    [
      'text for a list',
      () => postXml(`${demo.ws}/update`, '<parameters><p><hobbies>x</hobbies></p></parameters>'),
      /^Invalid input for field\/attribute p\.hobbies\. Value: 'x'\. Value should be a list/,
      'SB_INVALID_INPUT',
    ],
    [
      'malformed XML',
      () => postXml(`${demo.ws}/get`, '<parameters><id>1</parameters>'),
      /^Request is not in valid XML format: End tag <\/parameters> does not match <id> \(line 1, column 18\)$/,
      'SB_INVALID_XML',
    ],
    ['empty XML body', () => postXml(`${demo.ws}/get`, ' '), /^Request is not in valid XML format: No root element/, 'SB_INVALID_XML'],
    [
      'a declared encoding other than UTF-8',
      () => postXml(`${demo.ws}/get`, '<?xml version="1.0" encoding="ISO-8859-1"?><parameters><id>1</id></parameters>'),
      /^Request is not in valid XML format: encoding iso-8859-1 is not supported; send UTF-8/,
      'SB_INVALID_XML',
    ],
    ['JSON sent as XML', () => postXml(`${demo.ws}/get`, '{"id": 1}'), /^Request is not in valid XML format: Text before the root element/, 'SB_INVALID_XML'],
  ];
  for (const [name, request, faultstring, code] of cases) {
    it(name, async () => {
      const r = await request();
      assert.equal(r.status, 400, r.text);
      const m = /^<error><faultcode>Client<\/faultcode><faultstring>(.*)<\/faultstring><debuginfo\/><code>(\w+)<\/code>(<fields>.*<\/fields>)?<\/error>$/s.exec(
        r.text,
      );
      assert.ok(m, r.text);
      assert.equal(m[2], code);
      // A validation fault also lists its field errors, each with its path; no other fault does.
      assert.equal(m[3] !== undefined, /^SB_(INVALID_INPUT|UNKNOWN_ATTRIBUTE)$/.test(code), r.text);
      if (m[3]) assert.match(m[3], /^<fields><field path="[\w.[\]]+">/);
      const text = m[1].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
      if (typeof faultstring === 'string') assert.equal(text, faultstring);
      else assert.match(text, faultstring);
    });
  }

  it('the demo still answers after all of them', async () => {
    assert.equal((await call(`${demo.ws}/get.xml?id=1`)).text, result(ROSS));
  });
});
