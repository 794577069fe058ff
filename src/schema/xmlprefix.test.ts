// A parse resumed after a known prefix is a whole parse: the same tree, or the same error, for
// every document that starts with the prefix (the corpus cut at every tag, hostile tails).
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { type ParseXmlOptions, XmlPrefix, parseXml } from './xmltext.ts';

const CORPUS = join(import.meta.dirname, 'xmlcorpus');
const DOCS = ['valid', 'invalid', 'deliberate'].flatMap((dir) =>
  readdirSync(join(CORPUS, dir)).map((f) => new TextDecoder('utf-8').decode(readFileSync(join(CORPUS, dir, f)))),
);

/** What a parse gives: the tree, or the error's code and message. */
function outcome(parse: () => unknown): unknown {
  try {
    return { tree: parse() };
  } catch (e) {
    return { error: (e as { code?: string }).code, message: (e as Error).message };
  }
}

/** Asserts the resumed parse of `doc` after `head` is the whole parse. */
function same(head: XmlPrefix, doc: string, options?: ParseXmlOptions): void {
  assert.deepStrictEqual(
    outcome(() => head.parse(doc)),
    outcome(() => parseXml(doc, options)),
    doc,
  );
}

/** Every prefix of `doc` that ends before a `<` and reads as a prefix. */
function heads(doc: string, options?: ParseXmlOptions): XmlPrefix[] {
  const out: XmlPrefix[] = [];
  for (let k = doc.indexOf('<', 1); k > 0; k = doc.indexOf('<', k + 1)) {
    const head = XmlPrefix.read(doc.slice(0, k), options);
    if (head) out.push(head);
  }
  return out;
}

const ENVELOPE =
  '<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><t:personGet xmlns:t="urn:persons:types"><t:id>1</t:id></t:personGet></soap:Body></soap:Envelope>';
const OPENINGS = [
  ENVELOPE.slice(0, ENVELOPE.indexOf('<t:id>')),
  '\uFEFF<?xml version="1.0"?>\n<e:Envelope xmlns:e="urn:e" e:a="x &amp; y"><!-- c -->\r\n <e:Body>\n\t<op xmlns="urn:t">',
  '<a><b><![CDATA[x]]>&lt;<c xmlns:p="urn:p" p:q="1">',
  '<a>',
];
const TAILS = [
  '<t:id>1</t:id></t:personGet></soap:Body></soap:Envelope>',
  '</op></e:Body></e:Envelope>',
  '</c></b></a>',
  '</a>',
  '<x/></c></b></a>  \n',
  '</a><a/>',
  '</a>text',
  '<!DOCTYPE x>',
  '<x>\u0001</x>',
  '<y p:z="1"/>',
  '<q:y/>',
  '<?xml version="1.0"?>',
];

describe('XmlPrefix: parsing after a known prefix', () => {
  it('gives the whole parse for every corpus document cut at every tag', () => {
    let checked = 0;
    for (const doc of DOCS) {
      for (const head of heads(doc)) {
        same(head, doc);
        checked++;
      }
    }
    assert.ok(checked > 100, `only ${checked} cuts were checked`);
  });

  it('gives the whole parse for other documents after the prefix, tree or error', () => {
    for (const opening of OPENINGS) {
      const head = XmlPrefix.read(opening);
      assert.ok(head, opening);
      for (const tail of [...TAILS, ...DOCS]) same(head, opening + tail);
    }
  });

  it('gives the whole parse for documents that end by closing what the prefix opened', () => {
    const pairs: [string, string][] = [
      [OPENINGS[0]!, '</t:personGet></soap:Body></soap:Envelope>'],
      ['<a--><b-->', '</b--></a-->'],
      ['<a><b>', '</b></a>'],
    ];
    const middles = [
      '',
      'x',
      '<c/>',
      '<c>1</c><d/>',
      '<!-- x',
      '<!-- x -->',
      '<!-- x --',
      '<?pi ',
      '<![CDATA[',
      '<c x="',
      '<c',
      '</b--><b-->',
      '</b><b>',
      '<b-->',
      '<b>',
      '</b',
      '&amp',
      '<c>',
      '\u0001',
      '</b></a><a><b>',
    ];
    for (const [opening, closing] of pairs) {
      const head = XmlPrefix.read(opening)!;
      for (const middle of middles) {
        same(head, opening + middle + closing);
        same(head, `${opening + middle + closing} `);
        same(head, opening + middle + closing.slice(0, -1));
      }
    }
  });

  it('keeps the limits it was read with', () => {
    const options = { maxDepth: 3, maxElements: 4 };
    const head = XmlPrefix.read('<a><b>', options)!;
    for (const tail of ['<c/></b></a>', '<c><d/></c></b></a>', '<c/><c/><c/></b></a>', '<c/><c/></b></a>']) same(head, `<a><b>${tail}`, options);
  });

  it('gives the whole parse for hostile tails (property)', () => {
    const bits = fc.constantFrom(
      '<',
      '>',
      '/',
      '</a>',
      '<a>',
      '<t:id>',
      '</t:id>',
      '&amp;',
      '&x;',
      ']]>',
      '<!--',
      '-->',
      '<![CDATA[',
      '\u0001',
      '\r',
      '\uFFFE',
      ' xmlns:t="u"',
      '"',
    );
    const tail = fc.array(fc.oneof(bits, fc.string({ maxLength: 6 })), { maxLength: 12 }).map((parts) => parts.join(''));
    // Half of them end as most documents do, closing what the opening opened.
    const closings = ['</t:personGet></soap:Body></soap:Envelope>', '</op></e:Body></e:Envelope>', '</c></b></a>', '</a>'];
    fc.assert(
      fc.property(fc.nat({ max: OPENINGS.length - 1 }), tail, fc.boolean(), (k, rest, closed) => {
        const opening = OPENINGS[k]!;
        same(XmlPrefix.read(opening)!, opening + rest + (closed ? closings[k] : ''));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads only a prefix that parses and has no element closed in it', () => {
    for (const bad of ['', 'text', '<a', '<a><b/>', '<a></a>', '<!DOCTYPE a><a>', '<a x="1" x="2">', '<p:a>', '<a>&bogus;']) {
      assert.equal(XmlPrefix.read(bad), undefined, bad);
    }
    assert.ok(XmlPrefix.read('<a><b>'));
  });

  it('shares nothing a parse changes: each parse has its own open elements', () => {
    const head = XmlPrefix.read('<a><b>')!;
    const one = head.parse('<a><b><c/></b></a>');
    const two = head.parse('<a><b>x</b>y</a>');
    assert.notEqual(one, two);
    assert.deepEqual([one.children[0]!.children.length, one.children[0]!.text, one.text], [1, '', '']);
    assert.deepEqual([two.children[0]!.children.length, two.children[0]!.text, two.text], [0, 'x', 'y']);
  });
});
