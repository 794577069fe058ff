import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SwitchboardError } from '../errors/index.ts';
import { XSI_NS, attr, declaredEncoding, child, childrenNamed, escapeXmlAttr, escapeXmlText, parseXml, resolveQName } from './xmltext.ts';

function refused(text: string, reason: RegExp, options = {}): void {
  assert.throws(
    () => parseXml(text, options),
    (e: unknown) => {
      assert.ok(e instanceof SwitchboardError);
      assert.equal(e.code, 'SB_INVALID_XML');
      assert.equal(e.kind, 'client');
      assert.match(e.message, reason);
      assert.match(e.message, /\(line \d+, column \d+\)/);
      return true;
    },
  );
}

describe('parseXml: failure cases', () => {
  test('refuses any DOCTYPE, so no entity definitions can exist', () => {
    refused('<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>', /DOCTYPE is not allowed/);
    refused('<?xml version="1.0"?>\n<!DOCTYPE a SYSTEM "file:///etc/passwd"><a/>', /DOCTYPE.*line 2, column 1/);
    const bomb = `<!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('')}]><lolz>&lol9;</lolz>`;
    refused(bomb, /DOCTYPE/);
  });
  test('undefined entities are refused, not resolved', () => {
    refused('<a>&xxe;</a>', /Undefined entity &xxe;/);
    refused('<a>fish & chips</a>', /Bare "&"/);
    refused('<a b="&nbsp;"/>', /Undefined entity/);
  });
  test('refuses nesting beyond the depth limit without recursion', () => {
    const deep = `${'<a>'.repeat(10_000)}${'</a>'.repeat(10_000)}`;
    refused(deep, /nested deeper than 100 levels/);
    refused('<a><b><c/></b></a>', /deeper than 2/, { maxDepth: 2 });
    assert.equal(parseXml('<a><b/></a>', { maxDepth: 2 }).children[0].local, 'b');
  });
  test('refuses too many attributes on an element and too many namespace declarations', () => {
    const attrs = (n: number, name: (i: number) => string) => Array.from({ length: n }, (_, i) => `${name(i)}="1"`).join(' ');
    assert.equal(parseXml(`<a ${attrs(256, (i) => `a${i}`)}/>`).attrs.length, 256);
    refused(`<a ${attrs(257, (i) => `a${i}`)}/>`, /More than 256 attributes on <a>/);
    refused(`<a ${attrs(100_000, (i) => `a${i}`)}/>`, /More than 256 attributes/);
    const nested = Array.from({ length: 5 }, () => `<e ${attrs(250, (i) => `xmlns:p${i}`).replace(/"1"/g, '"urn:x"')}>`).join('');
    refused(nested, /More than 1024 namespace declarations/);
  });
  test('refuses too many elements', () => {
    refused(`<a>${'<b/>'.repeat(11)}</a>`, /More than 10 elements/, { maxElements: 10 });
  });
  test('malformed documents name the reason and position', () => {
    refused('', /No root element/);
    refused('   ', /No root element/);
    refused('garbage', /Text before the root element/);
    refused('{"id": 1}', /Text before the root element/);
    refused('<a>', /Unclosed element <a>/);
    refused('<a></b>', /End tag <\/b> does not match <a>/);
    refused('<a/><b/>', /second root element/);
    refused('<a/>tail', /Text after the root element/);
    refused('</a>', /without a start tag/);
    refused('<a b=1/>', /quoted value/);
    refused('<a b="1" b="2"/>', /Duplicate attribute b/);
    refused('<a x:b="1" y:b="2" xmlns:x="u" xmlns:y="u"/>', /Duplicate attribute \{u\}b/);
    refused('<a b="1"c="2"/>', /whitespace between attributes/);
    refused('<a b="<"/>', /"<" in an attribute value/);
    refused('<1a/>', /Invalid element name "1a"/);
    refused('<a:b:c/>', /Invalid element name/);
    refused('< a/>', /Expected an element name/);
    refused('<a><!-- open', /Unterminated comment/);
    refused('<a><![CDATA[ open', /Unterminated CDATA/);
    refused('<a b="1', /Unterminated/);
    refused('<a>\u0001</a>', /U\+0001 is not allowed/);
    refused('<a>&#0;</a>', /&#0; is not an XML character/);
    refused('<a>&#xD800;</a>', /not an XML character/);
    refused('<a/><?xml version="1.0"?>', /XML declaration not at the start/);
    refused('<a><!ELEMENT a ANY></a>', /Unexpected "<!"/);
  });
  test('a forbidden character is refused wherever it stands, and reported before any other problem', () => {
    // The scan checks characters inside each slice it reads: every kind of slice is covered.
    refused('<a>x\u0002</a>', /U\+0002 is not allowed.*column 5/);
    refused('<a b="x\u0003"/>', /U\+0003 is not allowed/);
    refused('<a><!-- \u0004 --></a>', /U\+0004 is not allowed/);
    refused('<a><?pi \u0005?></a>', /U\+0005 is not allowed/);
    refused('<a><![CDATA[\u0006]]></a>', /U\+0006 is not allowed/);
    refused('<a>\uFFFE</a>', /U\+FFFE is not allowed/);
    refused('<a b="\uFFFF"/>', /U\+FFFF is not allowed/);
    refused('<a\u0007/>', /U\+0007 is not allowed/);
    refused('<a/>\u0008', /U\+0008 is not allowed/);
    // A syntax error earlier in the text does not hide the forbidden character.
    refused('<a></b>\u0001', /U\+0001 is not allowed/);
    // Tab, LF and CR are allowed everywhere, as are the characters either side of the forbidden ranges.
    assert.equal(parseXml('<a b="\t\n\r">\t\r\n\uFFFD\u{10000}</a>').text, '\t\n\uFFFD\u{10000}');
    assert.equal(parseXml('<a b="\t\n\r"/>').attrs[0]?.value, '   ');
  });
  test('what XML forbids in character data, comments, instructions and the declaration', () => {
    refused('<a>x ]]> y</a>', /"\]\]>" in character data.*column 6/);
    assert.equal(parseXml('<a>]] ]]&gt; ></a>').text, ']] ]]> >');
    refused('<a><!-- a -- b --></a>', /"--" inside a comment/);
    refused('<a><!-- a ---></a>', /"--" inside a comment/);
    assert.equal(parseXml('<a><!----><!-- - -->x</a>').text, 'x');
    refused('<? x?><a/>', /Expected a processing instruction target/);
    refused('<a><?XML x?></a>', /target XML is reserved/);
    refused('<?p:q x?><a/>', /has no colon/);
    refused('<?xml version="2.0"?><a/>', /Malformed XML declaration/);
    refused('<?xml encoding="UTF-8"?><a/>', /Malformed XML declaration/);
    refused('<?XML version="1.0"?><a/>', /reserved/);
    assert.equal(parseXml('<?xml version=\'1.0\' standalone="no" ?><a/>').local, 'a');
  });
  test('namespace errors', () => {
    refused('<p:a/>', /Undeclared namespace prefix "p"/);
    refused('<a p:b="1"/>', /Undeclared namespace prefix "p"/);
    refused('<a xmlns:p=""/>', /cannot be undeclared/);
    refused('<a xmlns:xml="urn:other"/>', /prefix xml cannot be bound/);
    refused('<a xmlns:xmlns="urn:x"/>', /xmlns cannot be declared/);
  });
  test('the positions are lines and columns', () => {
    refused('<a>\n  <b>\n</a>', /does not match <b> \(line 3, column 1\)/);
  });
});

describe('parseXml: documents', () => {
  test('namespaces resolve whatever prefix the client picks', () => {
    const a = parseXml('<s:Envelope xmlns:s="urn:env"><s:Body><m:op xmlns:m="urn:app"><m:x>1</m:x></m:op></s:Body></s:Envelope>');
    const b = parseXml('<Envelope xmlns="urn:env"><Body><op xmlns="urn:app"><x>1</x></op></Body></Envelope>');
    for (const root of [a, b]) {
      assert.equal(root.ns, 'urn:env');
      assert.equal(root.local, 'Envelope');
      const body = child(root, 'urn:env', 'Body');
      assert.ok(body);
      const op = child(body, 'urn:app', 'op');
      assert.ok(op);
      assert.equal(child(op, 'urn:app', 'x')?.text, '1');
      assert.equal(child(op, '', 'x'), undefined);
    }
  });
  test('default namespace scoping and undeclaring', () => {
    const r = parseXml('<a xmlns="urn:1"><b xmlns=""><c/></b><d/></a>');
    assert.equal(r.ns, 'urn:1');
    assert.equal(r.children[0].ns, '');
    assert.equal(r.children[0].children[0].ns, '');
    assert.equal(r.children[1].ns, 'urn:1');
  });
  test('prefix rebinding is scoped to the element', () => {
    const r = parseXml('<p:a xmlns:p="urn:1"><p:b xmlns:p="urn:2"/><p:c/></p:a>');
    assert.deepEqual(
      r.children.map((c) => c.ns),
      ['urn:2', 'urn:1'],
    );
  });
  test('attributes: unprefixed have no namespace, prefixed resolve, xmlns are not listed', () => {
    const r = parseXml(`<a xmlns="urn:d" xmlns:i="${XSI_NS}" x="1" i:nil='true'/>`);
    assert.deepEqual(
      r.attrs.map((a) => [a.ns, a.local, a.value]),
      [
        ['', 'x', '1'],
        [XSI_NS, 'nil', 'true'],
      ],
    );
    assert.equal(attr(r, XSI_NS, 'nil'), 'true');
    assert.equal(attr(r, '', 'nil'), undefined);
  });
  test('xml prefix is predeclared', () => {
    const r = parseXml('<a xml:lang="en"/>');
    assert.equal(r.attrs[0].ns, 'http://www.w3.org/XML/1998/namespace');
  });
  test('text: the five entities, character references, CDATA, comments and PIs', () => {
    const r = parseXml(
      '<?xml version="1.0" encoding="utf-8"?><!-- c --><?pi x?><a>&lt;&gt;&amp;&quot;&apos; &#65;&#x42;&#x1F600; <![CDATA[<raw> & ]]><!-- skip --><?skip?>end</a><!-- after -->',
    );
    assert.equal(r.text, `<>&"' AB\u{1F600} <raw> & end`);
  });
  test('text is kept exactly, line ends normalised', () => {
    assert.equal(parseXml('<a>  x \r\n y\r</a>').text, '  x \n y\n');
    assert.equal(parseXml('<a>é 中文 🎉</a>').text, 'é 中文 🎉');
  });
  test('attribute values are whitespace-normalised and decoded', () => {
    assert.equal(parseXml('<a v="x\ty\nz &#10;&amp;"/>').attrs[0].value, 'x y z \n&');
  });
  test('a byte order mark and surrounding whitespace are allowed', () => {
    assert.equal(parseXml('\uFEFF<?xml version="1.0"?>\n<a/>\n').local, 'a');
  });
  test('end tags may have trailing whitespace', () => {
    assert.equal(parseXml('<a><b></b  ></a >').children.length, 1);
  });
  test('__proto__ and constructor are only names', () => {
    const r = parseXml('<__proto__ constructor="x"><constructor><__proto__>1</__proto__></constructor><prototype/></__proto__>');
    assert.equal(r.local, '__proto__');
    assert.equal(r.attrs[0].local, 'constructor');
    assert.equal(child(r, '', 'constructor')?.children[0].text, '1');
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.getPrototypeOf(r), Object.prototype);
  });
  test('childrenNamed and resolveQName', () => {
    const r = parseXml('<a xmlns:x="urn:x" xmlns="urn:d"><item/><x:item/><item/></a>');
    assert.equal(childrenNamed(r, 'urn:d', 'item').length, 2);
    assert.deepEqual(resolveQName(r.children[1], 'x:int'), { ns: 'urn:x', local: 'int' });
    assert.deepEqual(resolveQName(r, 'int'), { ns: 'urn:d', local: 'int' });
    assert.equal(resolveQName(r, 'nope:int'), undefined);
    assert.equal(resolveQName(r, '1bad'), undefined);
  });
  test('positions point at the element', () => {
    const text = '<a>\n <b/></a>';
    assert.equal(parseXml(text).children[0].pos, text.indexOf('<b'));
  });
  test('10,000 siblings parse (only depth is limited)', () => {
    assert.equal(parseXml(`<a>${'<i>1</i>'.repeat(10_000)}</a>`).children.length, 10_000);
  });
});

describe('declaredEncoding', () => {
  test('reads the XML declaration only', () => {
    assert.equal(declaredEncoding('<?xml version="1.0" encoding="UTF-8"?><a/>'), 'utf-8');
    assert.equal(declaredEncoding("\uFEFF<?xml version='1.0' encoding='ISO-8859-1' standalone='yes'?><a/>"), 'iso-8859-1');
    assert.equal(declaredEncoding('<?xml version="1.0"?><a encoding="x"/>'), undefined);
    assert.equal(declaredEncoding('<a/>'), undefined);
  });
});

describe('escaping', () => {
  test('text escapes what must be escaped and round-trips', () => {
    const s = 'a<b>&c "q" \'s\' \r\n\ttab é🎉';
    assert.equal(escapeXmlText(s), 'a&lt;b&gt;&amp;c "q" \'s\' &#13;\n\ttab é🎉');
    assert.equal(parseXml(`<a>${escapeXmlText(s)}</a>`).text, s);
  });
  test('attributes keep tabs and newlines through normalisation', () => {
    const s = 'a<b>&c "q"\t\n\r end';
    assert.equal(parseXml(`<a v="${escapeXmlAttr(s)}"/>`).attrs[0].value, s);
  });
  test('characters XML cannot carry become U+FFFD', () => {
    assert.equal(escapeXmlText('a\u0000b\u0008c\uD800d'), 'a\uFFFDb\uFFFDc\uFFFDd');
    assert.equal(escapeXmlAttr('\u001F'), '\uFFFD');
    assert.equal(escapeXmlText('ok 🎉'), 'ok 🎉');
  });
});

describe('names', () => {
  test('ASCII and non-ASCII names, and what is not a name', () => {
    assert.equal(parseXml('<a.b-c_1 x-y.z="1"/>').local, 'a.b-c_1');
    assert.equal(parseXml('<été xmlns:ñ="urn:n" ñ:größe="1"/>').attrs[0].local, 'größe');
    refused('<a:1b xmlns:a="urn:a"/>', /Invalid element name/);
    refused('<-a/>', /Invalid element name/);
    refused('<a: xmlns:a="urn:a"/>', /Invalid element name/);
    refused('<:a/>', /Invalid element name/);
    refused('<a b:="1"/>', /Invalid attribute name/);
    refused('<a\u00D7/>', /Invalid element name/);
  });
  test('end tags: prefixes must match as written, a longer name is not the same', () => {
    refused('<a:x xmlns:a="urn:a" xmlns:b="urn:a"></b:x>', /does not match <a:x>/);
    refused('<ab></abc>', /<\/abc> does not match <ab>/);
    refused('<ab></a>', /<\/a> does not match <ab>/);
    refused('<ab></ab', /Unterminated end tag/);
  });
});
