import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SwitchboardError } from '../errors/index.ts';
import { t, type TSchema } from './types.ts';
import { isNil, xmlDecoder, xmlEncoder } from './xml.ts';
import { XSI_NS, parseXml } from './xmltext.ts';
import { rejects } from '../errors/rejects.testing.ts';

const dec = (s: TSchema, xml: string, path = 'x') => xmlDecoder(s)(parseXml(xml), path);
const enc = (s: TSchema | undefined, v: unknown, tag = 'value') => xmlEncoder(s)(v, tag);
/** Encodes, parses and decodes again. */
const round = (s: TSchema, v: unknown) => dec(s, enc(s, v));

function serverError(f: () => unknown): void {
  assert.throws(f, (e: unknown) => e instanceof SwitchboardError && e.code === 'SB_INVALID_RESULT' && e.kind === 'server');
}

describe('xml scalars: decoding', () => {
  test('strings keep their exact text, unicode and entities', () => {
    assert.equal(dec(t.string(), '<value>a string</value>'), 'a string');
    assert.equal(dec(t.string(), '<value>  héllo 世界 😀 &amp; &lt;x&gt; </value>'), '  héllo 世界 😀 & <x> ');
    assert.equal(dec(t.string(), '<value/>'), '');
    assert.equal(dec(t.string(), '<value><![CDATA[<b>]]></value>'), '<b>');
  });
  test('string bounds', () => {
    rejects(() => dec(t.string({ maxLength: 2 }), '<v>abc</v>', 'name'), /name\. Value: 'abc'\. Value should have a maximum character requirement of 2/);
  });
  test('integers, with surrounding whitespace', () => {
    assert.equal(dec(t.integer(), '<value>5</value>'), 5);
    assert.equal(dec(t.integer(), '<value> -12\n</value>'), -12);
    rejects(() => dec(t.integer(), '<value>5.5</value>', 'id'), "Invalid input for field/attribute id. Value: '5.5'. unable to convert to int");
    rejects(() => dec(t.integer(), '<value>abc</value>', 'id'), /unable to convert to int/);
    rejects(() => dec(t.integer(), '<value/>', 'id'), /unable to convert to int/);
    rejects(() => dec(t.integer(), '<value>9007199254740993</value>', 'id'), /unable to convert to int/);
    rejects(() => dec(t.integer({ minimum: 1 }), '<value>0</value>', 'id'), /greater or equal to 1/);
  });
  test('int64 keeps every digit', () => {
    assert.equal(dec(t.int64(), '<value>9223372036854775807</value>'), 9223372036854775807n);
    assert.equal(dec(t.int64(), '<value>-9223372036854775808</value>'), -9223372036854775808n);
    rejects(() => dec(t.int64(), '<value>9223372036854775808</value>'), /Value should be between/);
    rejects(() => dec(t.int64(), '<value>1e3</value>'), /unable to convert to int64/);
  });
  test('floats', () => {
    assert.equal(dec(t.number(), '<value>3.14</value>'), 3.14);
    assert.equal(dec(t.number(), '<value>-1e-3</value>'), -0.001);
    rejects(() => dec(t.number(), '<value>pi</value>'), /unable to convert to float/);
  });
  test('booleans take WSME words', () => {
    assert.equal(dec(t.boolean(), '<value>true</value>'), true);
    assert.equal(dec(t.boolean(), '<value> 0 </value>'), false);
    assert.equal(dec(t.boolean(), '<value>False</value>'), false);
    rejects(() => dec(t.boolean(), '<value>maybe</value>'), /unable to convert to bool/);
  });
  test('decimal, date, time, datetime, binary', () => {
    assert.equal(dec(t.decimal(), '<value>5.46</value>'), '5.46');
    assert.equal(dec(t.date(), '<value>2010-04-27</value>'), '2010-04-27');
    assert.equal(dec(t.time(), '<value>12:54:18</value>'), '12:54:18');
    assert.equal(dec(t.datetime(), '<value>2010-04-27T12:54:18</value>'), '2010-04-27T12:54:18');
    assert.deepEqual(dec(t.binary(), '<value>aGVs\nbG8=</value>'), new Uint8Array(Buffer.from('hello')));
    rejects(() => dec(t.decimal(), '<value>5,46</value>'), /unable to convert to Decimal/);
    rejects(() => dec(t.date(), '<value>2010-02-30</value>'), /valid date/);
    rejects(() => dec(t.time(), '<value>25:00:00</value>'), /valid time/);
    rejects(() => dec(t.datetime(), '<value>yesterday</value>'), /valid ISO 8601 datetime/);
    rejects(() => dec(t.binary(), '<value>***</value>'), /base64/);
  });
  test('enums', () => {
    const E = t.enum(['red', 'green']);
    assert.equal(dec(E, '<value>green</value>'), 'green');
    assert.equal(dec(t.enum([1, 2]), '<value> 2 </value>'), 2);
    rejects(() => dec(E, '<value>blue</value>'), /Value should be one of: red, green/);
  });
  test('a scalar given elements is refused', () => {
    rejects(() => dec(t.integer(), '<value><a>1</a></value>', 'id'), "Invalid input for field/attribute id. Value: '<a>…'. Value should be text, not elements");
  });
});

describe('xml null and unset', () => {
  test('nil="true" and xsi:nil="true" are null for nullable types', () => {
    assert.equal(dec(t.nullable(t.integer()), '<value nil="true"/>'), null);
    assert.equal(dec(t.nullable(t.string()), `<value xmlns:i="${XSI_NS}" i:nil="true"/>`), null);
    assert.equal(dec(t.nullable(t.string()), '<value nil="1"/>'), null);
    assert.equal(dec(t.nullable(t.string()), '<value nil="false">x</value>'), 'x');
    assert.equal(dec(t.nullable(t.integer()), '<value/>'), null);
    assert.equal(dec(t.nullable(t.string()), '<value/>'), '');
    assert.equal(dec(t.nullable(t.integer()), '<value>4</value>'), 4);
  });
  test('nil on a type that cannot be null is refused', () => {
    rejects(() => dec(t.integer(), '<value nil="true"/>', 'id'), "Invalid input for field/attribute id. Value: 'nil'. Value should not be null");
    rejects(() => dec(t.array(t.string()), '<value nil="true"/>'), /should not be null/);
  });
  test('nil from another namespace is not nil', () => {
    assert.equal(isNil(parseXml('<v xmlns:o="urn:other" o:nil="true"/>')), false);
  });
  test('encoding null writes nil, undefined result writes nil', () => {
    assert.equal(enc(t.nullable(t.integer()), null), '<value nil="true"/>');
    assert.equal(enc(t.string(), null, 'result'), '<result nil="true"/>');
    assert.equal(enc(undefined, 'ignored', 'result'), '<result nil="true"/>');
  });
});

describe('xml arrays and dicts', () => {
  test('arrays are <item> children', () => {
    assert.deepEqual(dec(t.array(t.string()), '<value><item>Dinosaurs</item><item>Rachel</item></value>'), ['Dinosaurs', 'Rachel']);
    assert.deepEqual(dec(t.array(t.integer()), '<value>\n  <item>1</item>\n  <item>2</item>\n</value>'), [1, 2]);
    assert.deepEqual(dec(t.array(t.string()), '<value/>'), []);
    assert.deepEqual(dec(t.array(t.nullable(t.integer())), '<value><item nil="true"/><item>3</item></value>'), [null, 3]);
    assert.deepEqual(dec(t.array(t.array(t.integer())), '<v><item><item>1</item></item><item/></v>'), [[1], []]);
    rejects(() => dec(t.array(t.integer()), '<value><item>1</item><item>x</item></value>', 'ids'), /ids\[1\]\. Value: 'x'\. unable to convert to int/);
    rejects(() => dec(t.array(t.integer()), '<value><thing>1</thing></value>', 'ids'), /ids\.thing.*list items are <item> elements/);
    rejects(() => dec(t.array(t.integer(), { maxItems: 1 }), '<v><item>1</item><item>2</item></v>'), /at most 1 items/);
  });
  test('dicts are <item><key/><value/></item>', () => {
    const d = dec(t.dict(t.integer()), '<value><item><key>a</key><value>1</value></item><item><key>__proto__</key><value>2</value></item></value>');
    assert.deepEqual({ ...(d as object) }, { a: 1, ['__proto__']: 2 });
    assert.equal(Object.getPrototypeOf(d), null);
    assert.deepEqual({ ...(dec(t.dict(t.string()), '<value/>') as object) }, {});
    rejects(() => dec(t.dict(t.integer()), '<v><item><key>a</key></item></v>'), /each <item> holds a <key> and a <value>/);
    rejects(() => dec(t.dict(t.integer()), '<v><item><key>a</key><value>1</value><x/></item></v>'), /x.*Unknown element/);
    rejects(() => dec(t.dict(t.integer()), '<v><item><key>a</key><value>z</value></item></v>', 'd'), /d\[a\]\. Value: 'z'/);
  });
  test('encoding arrays and dicts', () => {
    assert.equal(enc(t.array(t.string()), ['a', 'b<']), '<value><item>a</item><item>b&lt;</item></value>');
    assert.equal(enc(t.array(t.string()), []), '<value/>');
    assert.equal(enc(t.array(t.integer()), new Set([1, 2])), '<value><item>1</item><item>2</item></value>');
    assert.equal(enc(t.array(t.nullable(t.integer())), [null]), '<value><item nil="true"/></value>');
    assert.equal(enc(t.dict(t.integer()), { a: 1, b: undefined }), '<value><item><key>a</key><value>1</value></item></value>');
    assert.equal(enc(t.dict(t.integer()), new Map([['k&', 2]])), '<value><item><key>k&amp;</key><value>2</value></item></value>');
    assert.equal(enc(t.dict(t.integer()), {}), '<value/>');
    serverError(() => enc(t.array(t.integer()), 5));
  });
});

const Inner = t.complex('Inner', { aint: t.integer(), astr: t.string() }, { mandatory: ['aint'] });
const Outer = t.complex('Outer', {
  name: t.string(),
  inner: Inner,
  list: t.array(Inner),
  note: t.nullable(t.string()),
  big: t.int64(),
  when: t.datetime(),
});

describe('xml complex types', () => {
  test('children by name, unset stays unset', () => {
    const v = dec(Outer, '<value><name>n</name><inner><aint>1</aint><astr>s</astr></inner><list><item><aint>2</aint></item></list></value>');
    assert.deepEqual(v, { name: 'n', inner: { aint: 1, astr: 's' }, list: [{ aint: 2 }] });
    assert.equal(Object.hasOwn(v as object, 'note'), false);
    assert.deepEqual(dec(Outer, '<value/>'), {});
  });
  test('qualified children in any namespace match by local name', () => {
    assert.deepEqual(dec(Inner, '<t:v xmlns:t="urn:t"><t:aint>1</t:aint><astr>s</astr></t:v>'), { aint: 1, astr: 's' });
  });
  test('null vs unset: nil on a nullable field is null', () => {
    assert.deepEqual(dec(Outer, '<value><note nil="true"/></value>'), { note: null });
  });
  test('xsi:nil on an optional field that cannot be null leaves it unset (SOAP toolkits send it)', () => {
    assert.deepEqual(dec(Outer, `<value xmlns:xsi="${XSI_NS}"><name xsi:nil="true"/></value>`), {});
    rejects(() => dec(Inner, '<v><aint nil="true"/></v>', 'p'), /p\.aint\. Value: 'nil'\. Value should not be null/);
  });
  test('unknown children name themselves', () => {
    rejects(() => dec(Inner, '<v><aint>1</aint><bogus>2</bogus></v>', 'p'), 'Unknown attribute for argument p: bogus', 'SB_UNKNOWN_ATTRIBUTE');
    rejects(() => dec(Inner, '<v><aint>1</aint><__proto__>2</__proto__><constructor/></v>', 'p'), /__proto__, constructor/, 'SB_UNKNOWN_ATTRIBUTES');
  });
  test('mandatory fields, duplicates, nested errors carry the path', () => {
    rejects(() => dec(Inner, '<v><astr>s</astr></v>', 'p'), 'Mandatory attribute missing: p.aint', 'SB_MISSING_ATTRIBUTE');
    rejects(() => dec(Inner, '<v><aint>1</aint><aint>2</aint></v>', 'p'), /p\.aint was given several times/, 'SB_DUPLICATE_ARGUMENT');
    rejects(() => dec(Outer, '<v><list><item><aint>x</aint></item></list></v>', 'o'), /o\.list\[0\]\.aint\. Value: 'x'/);
    rejects(() => dec(Outer, '<v><when>2010-13-01T00:00:00</when></v>', 'o'), /o\.when.*valid ISO 8601/);
    rejects(() => dec(Outer, '<v>text only</v>', 'o'), "Invalid input for field/attribute o. Value: 'text only'. Value should be a Outer (child elements)");
    rejects(() => dec(t.array(t.string()), '<v>a,b</v>', 'l'), "Invalid input for field/attribute l. Value: 'a,b'. Value should be a list of <item> elements");
  });
  test('encoding omits unset, writes null as nil', () => {
    assert.equal(
      enc(Outer, { name: 'n', inner: { aint: 1 }, list: [], note: null, big: 2n ** 62n }, 'result'),
      '<result><name>n</name><inner><aint>1</aint></inner><list/><note nil="true"/><big>4611686018427387904</big></result>',
    );
    assert.equal(enc(Outer, {}), '<value/>');
    serverError(() => enc(Inner, { aint: 'x' }));
  });
  test('round trips every type', () => {
    const value = {
      name: 'é😀<&>',
      inner: { aint: -1, astr: '' },
      list: [{ aint: 1 }, { aint: 2, astr: 'x' }],
      note: null,
      big: -(2n ** 63n),
      when: '2010-04-27T12:54:18Z',
    };
    assert.deepEqual(round(Outer, value), value);
  });
  test('recursive types decode and encode to any depth', () => {
    const Node = t.recursive('Node', (self) => t.complex('Node', { id: t.integer(), children: t.array(self) }));
    const tree = {
      id: 1,
      children: [
        { id: 2, children: [{ id: 3 }] },
        { id: 4, children: [] },
      ],
    };
    assert.deepEqual(round(Node, tree), tree);
    rejects(
      () => dec(Node, '<n><children><item><children><item><id>x</id></item></children></item></children></n>', 'n'),
      /n\.children\[0\]\.children\[0\]\.id/,
    );
  });
});

describe('xml scalars: encoding', () => {
  test('every scalar type', () => {
    assert.equal(enc(t.string(), 'a<&>"\''), '<value>a&lt;&amp;&gt;"\'</value>');
    assert.equal(enc(t.string(), ''), '<value/>');
    assert.equal(enc(t.integer(), 5), '<value>5</value>');
    assert.equal(enc(t.number(), 3.14), '<value>3.14</value>');
    assert.equal(enc(t.number(), Number.POSITIVE_INFINITY), '<value>INF</value>');
    assert.equal(enc(t.number(), Number.NaN), '<value>NaN</value>');
    assert.equal(enc(t.int64(), 9223372036854775807n), '<value>9223372036854775807</value>');
    assert.equal(enc(t.boolean(), false), '<value>false</value>');
    assert.equal(enc(t.decimal(), '5.46'), '<value>5.46</value>');
    assert.equal(enc(t.date(), new Date('2010-04-27T12:00:00Z')), '<value>2010-04-27</value>');
    assert.equal(enc(t.datetime(), new Date('2010-04-27T12:54:18Z')), '<value>2010-04-27T12:54:18.000Z</value>');
    assert.equal(enc(t.time(), '12:54:18'), '<value>12:54:18</value>');
    assert.equal(enc(t.binary(), new Uint8Array(Buffer.from('hello'))), '<value>aGVsbG8=</value>');
    assert.equal(enc(t.enum(['a', 'b']), 'b'), '<value>b</value>');
    serverError(() => enc(t.integer(), 'five'));
    serverError(() => enc(t.boolean(), 'yes'));
  });
  test('round trips of scalars', () => {
    for (const [s, v] of [
      [t.string(), ' spaced \n text\r\n'],
      [t.integer(), -42],
      [t.int64(), -(2n ** 63n)],
      [t.number(), 1e-7],
      [t.boolean(), true],
      [t.decimal(), '-0.000001'],
      [t.binary(), new Uint8Array([0, 255, 10])],
    ] as [TSchema, unknown][]) {
      assert.deepEqual(round(s, v), v);
    }
  });
});

describe('xml any', () => {
  test('decodes to text, arrays and objects; encodes back', () => {
    assert.equal(dec(t.any(), '<v>x</v>'), 'x');
    assert.equal(dec(t.any(), '<v nil="true"/>'), null);
    assert.deepEqual(dec(t.any(), '<v><item>1</item><item>2</item></v>'), ['1', '2']);
    assert.deepEqual({ ...(dec(t.any(), '<v><a>1</a></v>') as object) }, { a: '1' });
    assert.equal(enc(t.any(), { a: [1, 'x'], b: null, c: true }), '<value><a><item>1</item><item>x</item></a><b nil="true"/><c>true</c></value>');
    serverError(() => enc(t.any(), { 'not a name': 1 }));
  });
});

describe('xml encode options (SOAP)', () => {
  test('xsi nil and an element prefix on every element', () => {
    const e = xmlEncoder(Outer, { nil: 'xsi', prefix: 'tns' });
    assert.equal(
      e({ name: 'n', list: [{ aint: 1 }], note: null }, 'result'),
      '<tns:result><tns:name>n</tns:name><tns:list><tns:item><tns:aint>1</tns:aint></tns:item></tns:list><tns:note xsi:nil="true"/></tns:result>',
    );
    assert.equal(xmlEncoder(t.dict(t.integer()), { prefix: 'p' })({ k: 1 }, 'd'), '<p:d><p:item><p:key>k</p:key><p:value>1</p:value></p:item></p:d>');
    assert.equal(xmlEncoder(undefined, { nil: 'xsi' })(1, 'r'), '<r xsi:nil="true"/>');
    // The default encoder is unaffected by the other options' cache.
    assert.equal(enc(Outer, { note: null }), '<value><note nil="true"/></value>');
    assert.throws(() => xmlEncoder(Outer, { prefix: 'bad prefix' }), TypeError);
  });
  test('what the SOAP encoder writes decodes again', () => {
    const value = { name: 'n', list: [{ aint: 1 }], note: null };
    const text = `<w xmlns:tns="urn:t" xmlns:xsi="${XSI_NS}">${xmlEncoder(Outer, { nil: 'xsi', prefix: 'tns' })(value, 'result')}</w>`;
    assert.deepEqual(xmlDecoder(Outer)(parseXml(text).children[0], 'result'), value);
  });
});

describe('XML: fields named like Object.prototype members', () => {
  const props = { constructor: t.optional(t.string()) };
  const Odd = t.complex('Odd', { ...props, plain: t.string() });
  test('absent ones are not written from what objects inherit; given ones round-trip as own fields', () => {
    assert.equal(xmlEncoder(Odd)({ plain: 'p' }, 'o'), '<o><plain>p</plain></o>');
    const v = dec(Odd, '<o><constructor>c</constructor><plain>p</plain></o>') as Record<string, unknown>;
    assert.equal(Object.hasOwn(v, 'constructor'), true);
    assert.equal(xmlEncoder(Odd)(v, 'o'), '<o><constructor>c</constructor><plain>p</plain></o>');
  });
});
