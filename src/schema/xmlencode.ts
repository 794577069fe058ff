/**
 * The XML encoders (see `xml.ts` for the representation), compiled per schema and per writing
 * options once at registration: the handler's value written straight to XML text.
 */
import type { TSchema } from '@sinclair/typebox';
import { sbError } from '../errors/index.ts';
import { memoise } from './memoise.ts';
import { formatDateValue, toBase64 } from './scalars.ts';
import { type PartialShapeVisitor, type ShapeVisitor, visit } from './visit.ts';
import { type XmlEncodedField, complexXmlEncoder } from './xmlgen.ts';
import { escapeXmlText, isNcName } from './xmltext.ts';

/** Writes a value as one element named `tag` (unprefixed; see {@link XmlEncodeOptions.prefix}). */
export type XmlEncoder = (value: unknown, tag: string) => string;

/** How encoded elements are written. SOAP uses both options; REST+XML uses neither. */
export interface XmlEncodeOptions {
  /**
   * The null marker. `'nil'` (default) writes WSME's `nil="true"`; `'xsi'` writes
   * `xsi:nil="true"`, which requires the caller to declare `xmlns:xsi` (see `XSI_NS`) on an
   * enclosing element.
   */
  nil?: 'nil' | 'xsi';
  /**
   * A namespace prefix for every element written (the top tag, fields, `item`, `key`, `value`),
   * e.g. `'tns'` for qualified document/literal content. The caller declares it. Default none.
   */
  prefix?: string;
}

function bad(path: string, why: string): never {
  throw sbError('SB_INVALID_RESULT', { name: path, reason: why });
}

/** The encoders of one way of writing (prefix, nil marker), by schema. */
const byOptions = new Map<string, (s: TSchema) => XmlEncoder>();

/**
 * The compiled XML encoder of a schema (cached per schema object and options). `undefined`
 * (a function without a declared result) always writes the nil element.
 */
export function xmlEncoder(s: TSchema | undefined, options: XmlEncodeOptions = {}): XmlEncoder {
  const w = writer(options);
  if (s === undefined) return (_v, tag) => w.nil(tag);
  const key = `${w.prefix}|${w.nilAttr}`;
  let compile = byOptions.get(key);
  if (!compile) {
    const visitor = encoders(w, (inner) => compile!(inner));
    compile = memoise((schema) => visit(schema, visitor));
    byOptions.set(key, compile);
  }
  return compile(s);
}

interface Writer {
  readonly prefix: string;
  readonly nilAttr: string;
  nil(tag: string): string;
  leaf(tag: string, text: string): string;
}

function writer(options: XmlEncodeOptions): Writer {
  const prefix = options.prefix ? `${options.prefix}:` : '';
  if (options.prefix !== undefined && options.prefix !== '' && !isNcName(options.prefix)) {
    throw new TypeError(`Invalid XML prefix ${options.prefix}`);
  }
  const nilAttr = options.nil === 'xsi' ? ' xsi:nil="true"/>' : ' nil="true"/>';
  return {
    prefix,
    nilAttr,
    nil: (tag) => `<${prefix}${tag}${nilAttr}`,
    leaf: (tag, text) => (text === '' ? `<${prefix}${tag}/>` : `<${prefix}${tag}>${text}</${prefix}${tag}>`),
  };
}

/** The encoders of every kind for one writer; `encoder` gives those of inner schemas. */
function encoders(w: Writer, encoder: (s: TSchema) => XmlEncoder): ShapeVisitor<XmlEncoder> {
  const pre = w.prefix;
  const leaf = w.leaf;
  const nil = w.nil;
  const text =
    (kind: string): XmlEncoder =>
    (v, tag) =>
      typeof v === 'string' ? leaf(tag, escapeXmlText(v)) : v == null ? nil(tag) : bad(tag, `expected ${kind}`);
  const num =
    (kind: string): XmlEncoder =>
    (v, tag) =>
      typeof v === 'number' ? leaf(tag, xsdNumber(v)) : v == null ? nil(tag) : bad(tag, `expected ${kind}`);
  const day =
    (kind: 'date' | 'datetime'): XmlEncoder =>
    (v, tag) =>
      v instanceof Date ? leaf(tag, formatDateValue(v, kind)) : v == null ? nil(tag) : leaf(tag, escapeXmlText(String(v)));
  return {
    enum: () => (v, tag) =>
      v == null ? nil(tag) : typeof v === 'string' || typeof v === 'number' ? leaf(tag, escapeXmlText(String(v))) : bad(tag, 'expected an enum value'),
    string: () => text('string'),
    time: () => text('time'),
    integer: () => num('integer'),
    number: () => num('number'),
    int64: () => (v, tag) => (typeof v === 'bigint' || typeof v === 'number' ? leaf(tag, `${v}`) : v == null ? nil(tag) : bad(tag, 'expected int64')),
    boolean: () => (v, tag) => (v === true ? leaf(tag, 'true') : v === false ? leaf(tag, 'false') : v == null ? nil(tag) : bad(tag, 'expected boolean')),
    decimal: () => (v, tag) => (v == null ? nil(tag) : leaf(tag, escapeXmlText(String(v)))),
    date: () => day('date'),
    datetime: () => day('datetime'),
    binary: () => (v, tag) => (v instanceof Uint8Array ? leaf(tag, toBase64(v)) : v == null ? nil(tag) : bad(tag, 'expected bytes')),
    array: (shape) => {
      const item = encoder(shape.items);
      return (v, tag) => {
        if (v == null) return nil(tag);
        if (!Array.isArray(v)) {
          if (typeof (v as Iterable<unknown>)[Symbol.iterator] === 'function' && typeof v !== 'string') v = [...(v as Iterable<unknown>)];
          else return bad(tag, 'expected an array');
        }
        const a = v as unknown[];
        if (a.length === 0) return `<${pre}${tag}/>`;
        let out = `<${pre}${tag}>`;
        for (let i = 0; i < a.length; i++) out += item(a[i], 'item');
        return `${out}</${pre}${tag}>`;
      };
    },
    dict: (shape) => {
      const value = encoder(shape.values);
      const open = `<${pre}item><${pre}key>`;
      const mid = `</${pre}key>`;
      const close = `</${pre}item>`;
      return (v, tag) => {
        if (v == null) return nil(tag);
        if (typeof v !== 'object') return bad(tag, 'expected a dict');
        const entries = v instanceof Map ? [...v.entries()] : Object.entries(v as object);
        let out = '';
        for (const [key, x] of entries) {
          if (x === undefined) continue;
          out += `${open}${escapeXmlText(String(key))}${mid}${value(x, 'value')}${close}`;
        }
        return out === '' ? `<${pre}${tag}/>` : `<${pre}${tag}>${out}</${pre}${tag}>`;
      };
    },
    nullable: (shape) => {
      const inner = encoder(shape.inner);
      return (v, tag) => (v == null ? nil(tag) : inner(v, tag));
    },
    null: () => (_v, tag) => nil(tag),
    any: () => (v, tag) => anyXml(v, tag, w, 0),
    complex: (shape) => {
      const fields = shape.fields.map((f) => ({ name: f.name, ownOnly: f.ownOnly, inline: visit(f.schema, inline), encode: encoder(f.schema) }));
      return complexXmlEncoder(shape.name, fields, { prefix: pre, nil, escape: escapeXmlText, fail: (tag, name) => bad(tag, `expected ${name}`) });
    },
  };
}

/** The commonest leaves, written inline by the generated complex encoder (what their own encoders write). */
const inline: PartialShapeVisitor<XmlEncodedField['inline']> = {
  string: () => ({ when: "typeof x === 'string'", text: 'esc(x)', empty: true }),
  integer: () => ({ when: "typeof x === 'number' && Number.isFinite(x)", text: "'' + x", empty: false }),
  number: () => ({ when: "typeof x === 'number' && Number.isFinite(x)", text: "'' + x", empty: false }),
  boolean: () => ({ when: "typeof x === 'boolean'", text: "(x ? 'true' : 'false')", empty: false }),
  otherwise: () => undefined,
};

/** XML Schema's lexical forms of the non-finite doubles. */
function xsdNumber(n: number): string {
  if (Number.isFinite(n)) return `${n}`;
  return Number.isNaN(n) ? 'NaN' : n > 0 ? 'INF' : '-INF';
}

/** An untyped value, the inverse of `anyValue`: arrays as items, objects as named children. */
function anyXml(v: unknown, tag: string, w: Writer, depth: number): string {
  if (depth > 64) return bad(tag, 'value nested too deeply');
  if (v == null) return w.nil(tag);
  if (Array.isArray(v)) {
    if (v.length === 0) return `<${w.prefix}${tag}/>`;
    return `<${w.prefix}${tag}>${v.map((x) => anyXml(x, 'item', w, depth + 1)).join('')}</${w.prefix}${tag}>`;
  }
  if (v instanceof Uint8Array) return w.leaf(tag, toBase64(v));
  if (v instanceof Date) return w.leaf(tag, v.toISOString());
  if (typeof v === 'object') {
    let out = '';
    for (const [k, x] of Object.entries(v)) {
      if (x === undefined) continue;
      if (!isNcName(k)) return bad(`${tag}.${k}`, 'not a valid XML element name');
      out += anyXml(x, k, w, depth + 1);
    }
    return out === '' ? `<${w.prefix}${tag}/>` : `<${w.prefix}${tag}>${out}</${w.prefix}${tag}>`;
  }
  if (typeof v === 'number') return w.leaf(tag, xsdNumber(v));
  return w.leaf(tag, escapeXmlText(String(v)));
}
