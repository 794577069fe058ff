import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { shapeOf } from './describe.ts';
import { t } from './types.ts';
import { XsdTypes, checkNcName, label } from './xsd.ts';

describe('XSD: element declarations', () => {
  const el = (s: Parameters<XsdTypes['element']>[1], o = {}) => new XsdTypes().element('v', s, o);

  it('maps the scalar types to XML Schema built-ins', () => {
    const cases: [Parameters<XsdTypes['element']>[1], string][] = [
      [t.string(), 'xs:string'],
      [t.integer(), 'xs:int'],
      [t.int64(), 'xs:long'],
      [t.number(), 'xs:double'],
      [t.boolean(), 'xs:boolean'],
      [t.decimal(), 'xs:decimal'],
      [t.date(), 'xs:date'],
      [t.time(), 'xs:time'],
      [t.datetime(), 'xs:dateTime'],
      [t.binary(), 'xs:base64Binary'],
    ];
    for (const [schema, type] of cases) assert.equal(el(schema), `<xs:element name="v" type="${type}"/>`);
  });

  it('optional → minOccurs="0"; nullable → nillable; any → anyType, nillable', () => {
    assert.equal(el(t.string(), { optional: true }), '<xs:element name="v" minOccurs="0" type="xs:string"/>');
    assert.equal(el(t.nullable(t.integer())), '<xs:element name="v" nillable="true" type="xs:int"/>');
    assert.equal(el(t.any()), '<xs:element name="v" nillable="true" type="xs:anyType"/>');
  });

  it('bounds become inline restrictions (patterns in the XSD dialect, see xsdpattern.test.ts)', () => {
    assert.equal(
      el(t.integer({ minimum: 0, maximum: 10 })),
      '<xs:element name="v"><xs:simpleType><xs:restriction base="xs:int"><xs:minInclusive value="0"/><xs:maxInclusive value="10"/></xs:restriction></xs:simpleType></xs:element>',
    );
    assert.equal(
      el(t.string({ minLength: 1, maxLength: 5, pattern: '[a-z]+' })),
      '<xs:element name="v"><xs:simpleType><xs:restriction base="xs:string"><xs:minLength value="1"/><xs:maxLength value="5"/><xs:pattern value="[a-z]+"/></xs:restriction></xs:simpleType></xs:element>',
    );
    assert.match(el(t.number({ exclusiveMinimum: 0 })), /<xs:minExclusive value="0"\/>/);
  });

  it('unnamed enums inline, named ones as simpleTypes', () => {
    assert.equal(
      el(t.enum(['a', 'b'])),
      '<xs:element name="v"><xs:simpleType><xs:restriction base="xs:string"><xs:enumeration value="a"/><xs:enumeration value="b"/></xs:restriction></xs:simpleType></xs:element>',
    );
    const x = new XsdTypes();
    assert.equal(x.element('v', t.enum([1, 2], { name: 'Level', description: 'How high' })), '<xs:element name="v" type="types:Level"/>');
    assert.deepEqual(x.definitions(), [
      '<xs:simpleType name="Level"><xs:annotation><xs:documentation>How high</xs:documentation></xs:annotation><xs:restriction base="xs:int"><xs:enumeration value="1"/><xs:enumeration value="2"/></xs:restriction></xs:simpleType>',
    ]);
  });

  it('escapes documentation and enumeration values', () => {
    const x = new XsdTypes();
    x.element('v', t.enum(['a"<&'], { name: 'Odd', description: 'x < y & z' }));
    assert.match(x.definitions()[0], /x &lt; y &amp; z/);
    assert.match(x.definitions()[0], /value="a&quot;&lt;&amp;"/);
  });
});

describe('XSD: named types', () => {
  const Person = t.complex('Person', { id: t.integer(), name: t.string({ description: 'Full name' }), tags: t.array(t.string()) }, { mandatory: ['id'] });

  it('complex types, arrays as <Name>_Array sequences of item, in order of first use', () => {
    const x = new XsdTypes({ xs: 'xsd', tns: 'tns' });
    assert.equal(x.element('result', t.array(Person)), '<xsd:element name="result" type="tns:Person_Array"/>');
    assert.deepEqual(x.definitions(), [
      '<xsd:complexType name="Person_Array"><xsd:sequence><xsd:element name="item" minOccurs="0" maxOccurs="unbounded" type="tns:Person"/></xsd:sequence></xsd:complexType>',
      '<xsd:complexType name="Person"><xsd:sequence><xsd:element name="id" type="xsd:int"/><xsd:element name="name" minOccurs="0" type="xsd:string"><xsd:annotation><xsd:documentation>Full name</xsd:documentation></xsd:annotation></xsd:element><xsd:element name="tags" minOccurs="0" type="tns:String_Array"/></xsd:sequence></xsd:complexType>',
      '<xsd:complexType name="String_Array"><xsd:sequence><xsd:element name="item" minOccurs="0" maxOccurs="unbounded" type="xsd:string"/></xsd:sequence></xsd:complexType>',
    ]);
  });

  it('array bounds become the item occurrences; nullable items are nillable', () => {
    const x = new XsdTypes();
    x.element('v', t.array(t.nullable(t.integer()), { minItems: 1, maxItems: 3 }));
    assert.deepEqual(x.definitions(), [
      '<xs:complexType name="Int_Array"><xs:sequence><xs:element name="item" maxOccurs="3" nillable="true" type="xs:int"/></xs:sequence></xs:complexType>',
    ]);
  });

  it('dicts as <Value>_Dict: items of key and value', () => {
    const x = new XsdTypes();
    assert.equal(x.element('v', t.dict(t.integer())), '<xs:element name="v" type="types:Int_Dict"/>');
    assert.deepEqual(x.definitions(), [
      '<xs:complexType name="Int_Dict"><xs:sequence><xs:element name="item" minOccurs="0" maxOccurs="unbounded"><xs:complexType><xs:sequence><xs:element name="key" type="xs:string"/><xs:element name="value" type="xs:int"/></xs:sequence></xs:complexType></xs:element></xs:sequence></xs:complexType>',
    ]);
  });

  it('the same structure twice is one type; a different one under the same name is numbered', () => {
    const x = new XsdTypes();
    x.element('a', t.array(t.string()));
    x.element('b', t.array(t.string()));
    x.element('c', t.complex('Person', { id: t.integer() }));
    x.element('d', t.complex('Person', { other: t.string() }));
    assert.deepEqual(
      x.definitions().map((d) => /name="(\w+)"/.exec(d)?.[1]),
      ['String_Array', 'Person', 'Person2'],
    );
  });

  it('labels: nested arrays and dicts', () => {
    assert.equal(label(shapeOf(t.array(t.array(t.integer())))), 'Int_Array_Array');
    assert.equal(label(shapeOf(t.dict(t.array(t.datetime())))), 'DateTime_Array_Dict');
    assert.equal(label(shapeOf(t.nullable(t.binary()))), 'Base64Binary');
  });

  it('names XML cannot carry are refused', () => {
    assert.throws(() => checkNcName('1abc', 'Type name'), /Type name "1abc" is not a valid XML name/);
    assert.throws(() => new XsdTypes().element('a b', t.string()), /not a valid XML name/);
    assert.equal(checkNcName('ok_name-1.x', 'Name'), 'ok_name-1.x');
  });
});
