/**
 * Hostile inputs for the sweep, as fast-check arbitraries: JSON and XML written as raw text (so
 * that duplicate keys, huge number literals, odd unicode and broken nesting can be sent), valid
 * requests of the test kitchen mutated byte by byte, and plain random bytes.
 */
import fc from 'fast-check';

/** A body as sent: text (sent as UTF-8) or raw bytes. */
export type Body = string | Uint8Array;

/** Valid arguments of some kitchen functions (`test/helpers/kitchen.ts`), the seeds mutations start from. */
export const SEEDS: readonly { readonly fn: string; readonly args: Record<string, unknown> }[] = [
  { fn: 'args.pair', args: { a: 1, b: 'x' } },
  { fn: 'args.ints', args: { v: [1, 2, 3] } },
  { fn: 'args.outers', args: { v: [{ inner: { aint: 1, astr: 's' }, name: 'n' }] } },
  { fn: 'args.dict', args: { d: { x: 1, y: 2 } } },
  { fn: 'args.defaults', args: { a: 7 } },
  { fn: 'args.flag', args: { b: true } },
  { fn: 'args.big', args: { n: 9007199254740993n } },
  { fn: 'args.thing', args: { x: { a: null, b: 'b', n: 1 } } },
  {
    fn: 'args.all',
    args: {
      x: {
        s: 's',
        i: 1,
        f: 1.5,
        b: true,
        dec: '1.5',
        d: '2020-01-01',
        tm: '12:00:00',
        dt: '2020-01-01T00:00:00Z',
        bin: 'AAEC',
        big: 1,
        color: 'red',
        tags: ['a', 'b'],
        counts: { a: 1 },
      },
    },
  },
  { fn: 'args.bounded', args: { n: 3, code: 'ABC' } },
  { fn: 'nest.deeper.hello', args: { who: 'w' } },
];

/** JSON text of a value; bigints as bare integer literals. */
export function jsonOf(v: unknown): string {
  return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `\u0000${x}` : x)).replace(/"\\u0000(-?\d+)"/g, '$1');
}

/** A function's arguments as the REST+XML `<parameters>` children (and SOAP's operation children). */
export function xmlOf(args: Record<string, unknown>): string {
  let out = '';
  for (const [k, v] of Object.entries(args)) out += xmlElement(k, v);
  return out;
}

function xmlElement(name: string, v: unknown): string {
  if (v === null) return `<${name} xsi:nil="true" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>`;
  if (Array.isArray(v)) return `<${name}>${v.map((x) => xmlElement('item', x)).join('')}</${name}>`;
  if (typeof v === 'object') {
    // A dict is written as items with a key; a complex value as its attributes: the kitchen's dicts hold integers.
    const entries = Object.entries(v as Record<string, unknown>);
    if (name === 'd' || name === 'counts') return `<${name}>${entries.map(([k, x]) => `<item><key>${k}</key><value>${x}</value></item>`).join('')}</${name}>`;
    return `<${name}>${entries.map(([k, x]) => xmlElement(k, x)).join('')}</${name}>`;
  }
  return `<${name}>${String(v)}</${name}>`;
}

const HUGE_NUMBERS = [
  '1e400',
  '-1e400',
  '1e-400',
  '-0',
  '2e308',
  '1.7976931348623157e308',
  '9007199254740993',
  '-9223372036854775809',
  '18446744073709551616',
  '0.000000000000000000000000000001',
  '1'.repeat(400),
  `0.${'9'.repeat(400)}`,
];

const ODD_STRINGS = [
  '',
  '\u0000',
  '\ud800',
  '\udc00x',
  '\ufeff',
  '\u202e\u202d',
  '\u0085\u2028\u2029',
  '𝕏😀👨‍👩‍👧',
  'e\u0301',
  '__proto__',
  'constructor',
  '<![CDATA[',
  ']]>',
  '&amp;&bogus;',
  '%00%zz%E0%A4%A',
  'a'.repeat(20_000),
];

const KEYS = [
  'a',
  'b',
  'v',
  'x',
  'd',
  'n',
  'who',
  'code',
  'inner',
  'aint',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '',
  'tid',
  'id',
];

/** A number literal: ordinary, or huge, tiny, or more exact than a double. */
export const numberText: fc.Arbitrary<string> = fc.oneof(
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String),
  fc.constantFrom(...HUGE_NUMBERS),
);

/** A string literal: any code points (lone surrogates escaped), graphemes, or a known odd one. */
export const stringText: fc.Arbitrary<string> = fc
  .oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }), fc.constantFrom(...ODD_STRINGS))
  .map((s) => JSON.stringify(s));

const keyText: fc.Arbitrary<string> = fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 12 })).map((k) => JSON.stringify(k));

/** Nesting far deeper than anyone means: arrays or objects, closed or not. */
export const deepText: fc.Arbitrary<string> = fc.tuple(fc.integer({ min: 50, max: 20_000 }), fc.boolean(), fc.boolean()).map(([n, arrays, closed]) => {
  const open = arrays ? '['.repeat(n) : '{"a":'.repeat(n);
  return closed ? `${open}1${(arrays ? ']' : '}').repeat(n)}` : open;
});

/** Any JSON value as text: keys may repeat (duplicate keys), numbers overflow, strings are odd. */
export const jsonText: fc.Arbitrary<string> = fc.letrec<{ value: string; array: string; object: string }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, numberText, stringText, fc.constantFrom('true', 'false', 'null'), tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 5 }).map((xs) => `[${xs.join(',')}]`),
  object: fc.array(fc.tuple(keyText, tie('value')), { maxLength: 5 }).map((kv) => `{${kv.map(([k, v]) => `${k}:${v}`).join(',')}}`),
})).value;

/** A hostile value: any JSON, or deep nesting. */
export const hostileJson: fc.Arbitrary<string> = fc.oneof({ weight: 6, arbitrary: jsonText }, { weight: 1, arbitrary: deepText });

/** The seed's arguments as JSON text with one of them replaced, one added, or one repeated (a duplicate key). */
export function mutatedArgs(args: Record<string, unknown>): fc.Arbitrary<string> {
  const keys = Object.keys(args);
  return fc.tuple(fc.constantFrom('replace', 'add', 'duplicate', 'drop'), fc.constantFrom(...keys), keyText, hostileJson).map(([how, key, extra, value]) => {
    const valid = jsonOf(args);
    if (how === 'replace') return jsonOf({ ...args, [key]: '\u0001' }).replace('"\\u0001"', value);
    if (how === 'add') return `${valid.slice(0, -1)},${extra}:${value}}`;
    if (how === 'duplicate') return `${valid.slice(0, -1)},${JSON.stringify(key)}:${value}}`;
    const { [key]: _gone, ...rest } = args;
    return jsonOf(rest);
  });
}

const MARKUP = [
  '{',
  '}',
  '[',
  ']',
  '"',
  ',',
  ':',
  '\\',
  '<',
  '>',
  '/',
  '&',
  ';',
  '!',
  '-',
  '?',
  '=',
  "'",
  '\u0000',
  '\ud83d',
  '\r\n',
  ']]>',
  '<!--',
  '-->',
  '<![CDATA[',
];

/** `text` cut short, with something inserted or removed, or a piece repeated. */
export function mutatedText(text: string): fc.Arbitrary<string> {
  const n = text.length;
  return fc
    .tuple(
      fc.constantFrom('truncate', 'insert', 'delete', 'repeat', 'markup'),
      fc.nat({ max: n }),
      fc.nat({ max: n }),
      fc.oneof(fc.string({ unit: 'binary', maxLength: 8 }), fc.constantFrom(...MARKUP)),
    )
    .map(([how, i, j, s]) => {
      const [a, b] = i <= j ? [i, j] : [j, i];
      switch (how) {
        case 'truncate':
          return text.slice(0, a);
        case 'insert':
          return text.slice(0, a) + s + text.slice(a);
        case 'delete':
          return text.slice(0, a) + text.slice(b);
        case 'repeat':
          return text.slice(0, b) + text.slice(a, b).repeat(50) + text.slice(b);
        default:
          return text.slice(0, a) + s + text.slice(b);
      }
    });
}

/** Random bytes, or valid text with bytes that are not UTF-8 spliced in. */
export function hostileBytes(text: string): fc.Arbitrary<Uint8Array> {
  return fc.oneof(
    fc.uint8Array({ maxLength: 2048 }),
    fc
      .tuple(fc.nat({ max: text.length }), fc.constantFrom([0xff], [0xfe, 0xff], [0xc3], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xc0, 0xaf]))
      .map(([at, bad]) => {
        const t = Buffer.from(text, 'utf8');
        const p = Math.min(at, t.length);
        return new Uint8Array(Buffer.concat([t.subarray(0, p), Buffer.from(bad), t.subarray(p)]));
      }),
  );
}

/** A body around `valid`: itself mutated, hostile text `other`, or bytes. */
export function hostileBody(valid: string, other: fc.Arbitrary<string>): fc.Arbitrary<Body> {
  return fc.oneof(
    { weight: 4, arbitrary: mutatedText(valid) },
    { weight: 4, arbitrary: other },
    { weight: 2, arbitrary: hostileBytes(valid) as fc.Arbitrary<Body> },
  );
}

const NAMES = ['a', 'b', 'v', 'x', 'item', 'key', 'value', 'parameters', 'p:a', 'xmlns', 'xml', '__proto__', 'constructor', '1bad', 'a:b:c', 'é', 'a-b.c', '_'];
const XML_BITS = [
  '&amp;',
  '&lt;',
  '&#0;',
  '&#x110000;',
  '&#xD800;',
  '&bogus;',
  '&',
  '<![CDATA[x]]>',
  '<!-- c -->',
  '<!-- a -- b -->',
  ']]>',
  '<?pi x?>',
  '<?xml version="1.0"?>',
  '<!DOCTYPE x [<!ENTITY e "e">]>',
  '\u0001',
  '\ufffe',
];

const xmlName = fc.oneof(fc.constantFrom(...NAMES), fc.string({ minLength: 1, maxLength: 8 }));
const xmlAttr = fc
  .tuple(
    fc.oneof(fc.constantFrom('xmlns', 'xmlns:p', 'xsi:nil', 'a', 'a', 'p:a', 'xmlns:xml'), xmlName),
    fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('true', 'urn:x', '', '<', '"')),
  )
  .map(([k, v]) => ` ${k}="${v}"`);

/** Any XML-ish text: elements with odd names, repeated or odd attributes, entities, comments, CDATA, instructions. */
export const xmlText: fc.Arbitrary<string> = fc.letrec<{ node: string; element: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.string({ unit: 'binary', maxLength: 12 }),
    fc.constantFrom(...XML_BITS),
    numberText,
    tie('element'),
  ),
  element: fc
    .tuple(
      xmlName,
      fc.array(xmlAttr, { maxLength: 3 }),
      fc.array(tie('node'), { maxLength: 4 }),
      fc.constantFrom('closed', 'closed', 'self', 'open', 'mismatched'),
    )
    .map(([name, attrs, kids, how]) => {
      const open = `<${name}${attrs.join('')}`;
      if (how === 'self') return `${open}/>`;
      if (how === 'open') return `${open}>${kids.join('')}`;
      return `${open}>${kids.join('')}</${how === 'mismatched' ? `${name}x` : name}>`;
    }),
})).node;

/** Deep XML nesting. */
export const deepXml: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 50, max: 20_000 }), fc.boolean())
  .map(([n, closed]) => `${'<a>'.repeat(n)}${closed ? '</a>'.repeat(n) : ''}`);

/** The seed's XML with one argument replaced by hostile XML content. */
export function mutatedXmlArgs(args: Record<string, unknown>): fc.Arbitrary<string> {
  const keys = Object.keys(args);
  return fc
    .tuple(fc.constantFrom(...keys), fc.oneof(xmlText, deepXml), fc.boolean())
    .map(([key, inner, add]) => (add ? `${xmlOf(args)}<${key}>${inner}</${key}>` : xmlOf({ ...args, [key]: '\u0001' }).replace('\u0001', inner)));
}

/** An unusual but plausible content type, or one a client should not send. */
export function contentType(usual: string): fc.Arbitrary<string | undefined> {
  return fc.oneof(
    { weight: 8, arbitrary: fc.constant(usual) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        undefined,
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'multipart/form-data',
        `${usual}; charset=klingon`,
        `${usual}; charset=iso-8859-1`,
        'application/octet-stream',
        'text/html',
        '*/*',
        ';;;',
      ),
    },
  );
}
