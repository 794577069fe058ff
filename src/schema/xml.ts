/**
 * The XML codec, compiled per schema into closures once at registration, with WSME's XML
 * representation of every type (REST+XML and SOAP share it):
 *
 * | type          | XML                                                          |
 * |---------------|--------------------------------------------------------------|
 * | scalars       | `<value>5</value>`                                           |
 * | arrays        | `<value><item>a</item><item>b</item></value>`                |
 * | dicts         | `<value><item><key>k</key><value>v</value></item></value>`   |
 * | null          | `<value nil="true"/>` (decoding also takes `xsi:nil="true"`) |
 * | complex types | `<value><id>1</id><name>x</name></value>`, unset omitted     |
 *
 * Decoding reads a parsed {@link XmlElement} and matches child elements by local name in any
 * namespace, so qualified (SOAP document/literal) and unqualified children both work.
 * Scalar text goes through the shared conversions of `scalars.ts`.
 */
import type { TSchema } from '@sinclair/typebox';
import { sbError } from '../errors/index.ts';
import { fieldValue, shapeOf } from './describe.ts';
import { leafConverter } from './textleaf.ts';
import {
  formatDateValue,
  invalid,
  reason,
  toBase64,
  unknownAttributes,
} from './scalars.ts';
import { XSI_NS, type XmlElement, escapeXmlText, isNcName } from './xmltext.ts';

/** Converts an element into the handler's value; `path` names it in errors. Throws a Client error. */
export type XmlDecoder = (el: XmlElement, path: string) => unknown;

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

const decoders = new WeakMap<TSchema, XmlDecoder>();
const encoderSets = new Map<string, WeakMap<TSchema, XmlEncoder>>();

/** True when the element carries `nil="true"` or `xsi:nil="true"` (or `"1"`). */
export function isNil(el: XmlElement): boolean {
  for (const a of el.attrs) {
    if (a.local === 'nil' && (a.ns === '' || a.ns === XSI_NS)) {
      const v = a.value.trim();
      return v === 'true' || v === '1';
    }
  }
  return false;
}

/** The compiled XML decoder of a schema (cached per schema object; recursive schemas work). */
export function xmlDecoder(s: TSchema): XmlDecoder {
  let d = decoders.get(s);
  if (!d) {
    // A placeholder first, so recursive schemas resolve to the finished decoder.
    let real: XmlDecoder | undefined;
    decoders.set(s, (el, p) => real!(el, p));
    real = buildDecoder(s);
    decoders.set(s, real);
    d = real;
  }
  return d;
}

/** What the element's content shows in an error message. */
function shown(el: XmlElement): string {
  return el.children.length > 0 ? `<${el.children[0].local}>…` : el.text;
}

function noElements(el: XmlElement, p: string): void {
  if (el.children.length > 0) throw invalid(p, shown(el), 'Value should be text, not elements');
}

/** A decoder of an element's text; nil is refused (nullable types accept it before this). */
function scalar(convert: (text: string, path: string) => unknown): XmlDecoder {
  return (el, p) => {
    if (isNil(el)) throw invalid(p, 'nil', reason.notNull);
    noElements(el, p);
    return convert(el.text, p);
  };
}

const BLANK = /^[ \t\r\n]*$/;

/** Structured values (lists, dicts, complex types) hold elements, not text. */
function noText(el: XmlElement, p: string, what: string): void {
  if (!BLANK.test(el.text)) throw invalid(p, el.text, `Value should be ${what}`);
}

/** The child elements named `item`; anything else is an unknown element. */
function items(el: XmlElement, p: string, what: string): XmlElement[] {
  noText(el, p, what);
  for (const c of el.children) {
    if (c.local !== 'item') throw invalid(`${p}.${c.local}`, c.local, 'Unknown element (list items are <item> elements)');
  }
  return el.children;
}

function buildDecoder(s: TSchema): XmlDecoder {
  const leaf = leafConverter(s);
  if (leaf) return scalar(leaf);
  const shape = shapeOf(s);
  switch (shape.k) {
    case 'array': {
      const item = xmlDecoder(shape.items);
      const { minItems, maxItems } = s as { minItems?: number; maxItems?: number };
      return (el, p) => {
        if (isNil(el)) throw invalid(p, 'nil', reason.notNull);
        const list = items(el, p, 'a list of <item> elements');
        if (minItems !== undefined && list.length < minItems) throw invalid(p, `${list.length} items`, `Value should have at least ${minItems} items`);
        if (maxItems !== undefined && list.length > maxItems) throw invalid(p, `${list.length} items`, `Value should have at most ${maxItems} items`);
        const out = new Array(list.length);
        for (let i = 0; i < list.length; i++) out[i] = item(list[i], `${p}[${i}]`);
        return out;
      };
    }
    case 'dict': {
      const value = xmlDecoder(shape.values);
      return (el, p) => {
        if (isNil(el)) throw invalid(p, 'nil', reason.notNull);
        const out: Record<string, unknown> = Object.create(null);
        for (const entry of items(el, p, 'a dict of <item> elements')) {
          let key: XmlElement | undefined;
          let val: XmlElement | undefined;
          for (const c of entry.children) {
            if (c.local === 'key' && !key) key = c;
            else if (c.local === 'value' && !val) val = c;
            else throw invalid(`${p}.item.${c.local}`, c.local, 'Unknown element (dict items hold one <key> and one <value>)');
          }
          if (!key || !val) throw invalid(p, shown(entry), 'Value should be a dict (each <item> holds a <key> and a <value>)');
          if (key.children.length > 0 || isNil(key)) throw invalid(`${p}.item.key`, shown(key), 'Value should be string');
          out[key.text] = value(val, `${p}[${key.text}]`);
        }
        return out;
      };
    }
    case 'nullable': {
      const inner = xmlDecoder(shape.inner);
      // An empty element is null for types that have no empty value of their own (WSME reads
      // `<value/>` as None), as in the text codec.
      const emptyIsNull = !['string', 'any', 'array', 'dict', 'complex', 'enum'].includes(shapeOf(shape.inner).k);
      return (el, p) => (isNil(el) || (emptyIsNull && el.children.length === 0 && el.text.trim() === '') ? null : inner(el, p));
    }
    case 'null':
      return (el, p) => {
        if (!isNil(el) && (el.children.length > 0 || el.text.trim() !== '')) throw invalid(p, shown(el), 'Value should be null');
        return null;
      };
    case 'any':
      return anyValue;
    case 'complex': {
      const fields = new Map(
        shape.fields.map((f) => [f.name, { name: f.name, required: f.required, nullable: acceptsNull(f.schema), decode: xmlDecoder(f.schema) }]),
      );
      const list = [...fields.values()];
      return (el, p) => {
        if (isNil(el)) throw invalid(p, 'nil', reason.notNull);
        noText(el, p, `a ${shape.name} (child elements)`);
        const out: Record<string, unknown> = {};
        let unknown: string[] | undefined;
        for (const c of el.children) {
          const f = fields.get(c.local);
          if (!f) {
            if (unknown) unknown.push(c.local);
            else unknown = [c.local];
            continue;
          }
          if (Object.hasOwn(out, f.name)) throw sbError('SB_DUPLICATE_ARGUMENT', { name: `${p}.${f.name}` });
          // A nil optional field that cannot be null is left unset: SOAP toolkits write
          // `xsi:nil` for a value their caller left empty.
          if (!f.nullable && !f.required && isNil(c)) continue;
          out[f.name] = f.decode(c, `${p}.${f.name}`);
        }
        if (unknown) throw unknownAttributes(p, unknown);
        for (const f of list) {
          if (f.required && !Object.hasOwn(out, f.name)) throw invalid(`${p}.${f.name}`, '', reason.mandatory);
        }
        return out;
      };
    }
  }
  throw new TypeError(`XML decoder: ${shape.k} is read by leafConverter`);
}

function acceptsNull(s: TSchema): boolean {
  const k = shapeOf(s).k;
  return k === 'nullable' || k === 'null' || k === 'any';
}

/**
 * An untyped value: nil → null; only `<item>` children → an array; other children → an
 * object (null prototype) by local name; no children → the text.
 */
function anyValue(el: XmlElement, p: string): unknown {
  if (isNil(el)) return null;
  if (el.children.length === 0) return el.text;
  if (el.children.every((c) => c.local === 'item')) return el.children.map((c, i) => anyValue(c, `${p}[${i}]`));
  const out: Record<string, unknown> = Object.create(null);
  for (const c of el.children) out[c.local] = anyValue(c, `${p}.${c.local}`);
  return out;
}

// ---- Encoding ----

function bad(path: string, why: string): never {
  throw sbError('SB_INVALID_RESULT', { name: path, reason: why });
}

/**
 * The compiled XML encoder of a schema (cached per schema object and options). `undefined`
 * (a function without a declared result) always writes the nil element.
 */
export function xmlEncoder(s: TSchema | undefined, options: XmlEncodeOptions = {}): XmlEncoder {
  const w = writer(options);
  if (s === undefined) return (_v, tag) => w.nil(tag);
  const key = `${w.prefix}|${w.nilAttr}`;
  let set = encoderSets.get(key);
  if (!set) {
    set = new WeakMap();
    encoderSets.set(key, set);
  }
  let e = set.get(s);
  if (!e) {
    let real: XmlEncoder | undefined;
    set.set(s, (v, t) => real!(v, t));
    real = buildEncoder(s, w);
    set.set(s, real);
    e = real;
  }
  return e;
}

interface Writer {
  readonly options: XmlEncodeOptions;
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
    options: { prefix: options.prefix || undefined, nil: options.nil ?? 'nil' },
    prefix,
    nilAttr,
    nil: (tag) => `<${prefix}${tag}${nilAttr}`,
    leaf: (tag, text) => (text === '' ? `<${prefix}${tag}/>` : `<${prefix}${tag}>${text}</${prefix}${tag}>`),
  };
}

function buildEncoder(s: TSchema, w: Writer): XmlEncoder {
  const shape = shapeOf(s);
  const pre = w.prefix;
  const leaf = w.leaf;
  const nil = w.nil;
  switch (shape.k) {
    case 'enum':
      return (v, tag) => (v == null ? nil(tag) : typeof v === 'string' || typeof v === 'number' ? leaf(tag, escapeXmlText(String(v))) : bad(tag, 'expected an enum value'));
    case 'string':
    case 'time':
      return (v, tag) => (typeof v === 'string' ? leaf(tag, escapeXmlText(v)) : v == null ? nil(tag) : bad(tag, `expected ${shape.k}`));
    case 'integer':
    case 'number':
      return (v, tag) => (typeof v === 'number' ? leaf(tag, xsdNumber(v)) : v == null ? nil(tag) : bad(tag, `expected ${shape.k}`));
    case 'int64':
      return (v, tag) => (typeof v === 'bigint' || typeof v === 'number' ? leaf(tag, `${v}`) : v == null ? nil(tag) : bad(tag, 'expected int64'));
    case 'boolean':
      return (v, tag) => (v === true ? leaf(tag, 'true') : v === false ? leaf(tag, 'false') : v == null ? nil(tag) : bad(tag, 'expected boolean'));
    case 'decimal':
      return (v, tag) => (v == null ? nil(tag) : leaf(tag, escapeXmlText(String(v))));
    case 'date':
    case 'datetime': {
      const kind = shape.k;
      return (v, tag) => (v instanceof Date ? leaf(tag, formatDateValue(v, kind)) : v == null ? nil(tag) : leaf(tag, escapeXmlText(String(v))));
    }
    case 'binary':
      return (v, tag) => (v instanceof Uint8Array ? leaf(tag, toBase64(v)) : v == null ? nil(tag) : bad(tag, 'expected bytes'));
    case 'array': {
      const item = xmlEncoderFor(shape.items, w);
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
    }
    case 'dict': {
      const value = xmlEncoderFor(shape.values, w);
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
    }
    case 'nullable': {
      const inner = xmlEncoderFor(shape.inner, w);
      return (v, tag) => (v == null ? nil(tag) : inner(v, tag));
    }
    case 'null':
      return (_v, tag) => nil(tag);
    case 'any':
      return (v, tag) => anyXml(v, tag, w, 0);
    case 'complex': {
      const fields = shape.fields.map((f) => ({ name: f.name, ownOnly: f.ownOnly, encode: xmlEncoderFor(f.schema, w) }));
      return (v, tag) => {
        if (v == null) return nil(tag);
        if (typeof v !== 'object') return bad(tag, `expected ${shape.name}`);
        const o = v as Record<string, unknown>;
        let out = '';
        for (const f of fields) {
          const x = fieldValue(o, f);
          if (x !== undefined) out += f.encode(x, f.name);
        }
        return out === '' ? `<${pre}${tag}/>` : `<${pre}${tag}>${out}</${pre}${tag}>`;
      };
    }
  }
}

function xmlEncoderFor(s: TSchema, w: Writer): XmlEncoder {
  return xmlEncoder(s, w.options);
}

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
