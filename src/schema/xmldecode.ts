/**
 * The XML decoders (see `xml.ts` for the representation), compiled per schema once at
 * registration: a parsed element in, the handler's value out (checked), a Client error at the
 * first bad value. Child elements match by local name in any namespace.
 */
import type { TSchema } from '@sinclair/typebox';
import { sbError } from '../errors/index.ts';
import { shapeOf } from './describe.ts';
import { memoise } from './memoise.ts';
import { invalid, missingAttribute, reason, unknownAttributes } from './scalars.ts';
import { leafConverter } from './textleaf.ts';
import { type PartialShapeVisitor, type ShapeOf, visit } from './visit.ts';
import { XSI_NS, type XmlElement } from './xmltext.ts';

/** Converts an element into the handler's value; `path` names it in errors. Throws a Client error. */
export type XmlDecoder = (el: XmlElement, path: string) => unknown;

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

/** The decoder of a schema, first error only (cached per schema object; recursive schemas work). */
export const elementDecoder: (s: TSchema) => XmlDecoder = memoise((s) => {
  const leaf = leafConverter(s);
  return leaf ? scalar(leaf) : visit(s, decoders);
});

/** What the element's content shows in an error message. */
export function shown(el: XmlElement): string {
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
export function noText(el: XmlElement, p: string, what: string): void {
  if (!BLANK.test(el.text)) throw invalid(p, el.text, `Value should be ${what}`);
}

/** The child elements named `item`; anything else is an unknown element. */
export function items(el: XmlElement, p: string, what: string): readonly XmlElement[] {
  noText(el, p, what);
  for (const c of el.children) {
    if (c.local !== 'item') throw invalid(`${p}.${c.local}`, c.local, 'Unknown element (list items are <item> elements)');
  }
  return el.children;
}

/** The item check of an array schema: not nil, only `<item>` children, within bounds. */
export function itemsCheck(s: TSchema): (el: XmlElement, p: string) => readonly XmlElement[] {
  const { minItems, maxItems } = s as { minItems?: number; maxItems?: number };
  return (el, p) => {
    if (isNil(el)) throw invalid(p, 'nil', reason.notNull);
    const list = items(el, p, 'a list of <item> elements');
    if (minItems !== undefined && list.length < minItems) throw invalid(p, `${list.length} items`, `Value should have at least ${minItems} items`);
    if (maxItems !== undefined && list.length > maxItems) throw invalid(p, `${list.length} items`, `Value should have at most ${maxItems} items`);
    return list;
  };
}

/** The key and value elements of one dict `<item>`, checked. */
export function dictEntry(entry: XmlElement, p: string): { key: string; value: XmlElement } {
  let key: XmlElement | undefined;
  let val: XmlElement | undefined;
  for (const c of entry.children) {
    if (c.local === 'key' && !key) key = c;
    else if (c.local === 'value' && !val) val = c;
    else throw invalid(`${p}.item.${c.local}`, c.local, 'Unknown element (dict items hold one <key> and one <value>)');
  }
  if (!key || !val) throw invalid(p, shown(entry), 'Value should be a dict (each <item> holds a <key> and a <value>)');
  if (key.children.length > 0 || isNil(key)) throw invalid(`${p}.item.key`, shown(key), 'Value should be string');
  return { key: key.text, value: val };
}

/** An empty element is null for types that have no empty value of their own (WSME reads `<value/>` as None). */
export function nullElement(inner: TSchema): (el: XmlElement) => boolean {
  const emptyIsNull = !['string', 'any', 'array', 'dict', 'complex', 'enum'].includes(shapeOf(inner).k);
  return (el) => isNil(el) || (emptyIsNull && el.children.length === 0 && el.text.trim() === '');
}

/** The field table of a complex type, by element name. */
export function complexFields(shape: ShapeOf<'complex'>) {
  return new Map(shape.fields.map((f) => [f.name, { name: f.name, required: f.required, nullable: acceptsNull(f.schema), decode: elementDecoder(f.schema) }]));
}

/** The complex value's checks before its fields: not nil, no text. */
export function complexCheck(shape: ShapeOf<'complex'>): (el: XmlElement, p: string) => void {
  return (el, p) => {
    if (isNil(el)) throw invalid(p, 'nil', reason.notNull);
    noText(el, p, `a ${shape.name} (child elements)`);
  };
}

const decoders: PartialShapeVisitor<XmlDecoder> = {
  array: (shape) => {
    const item = elementDecoder(shape.items);
    const check = itemsCheck(shape.s);
    return (el, p) => {
      const list = check(el, p);
      const out = new Array(list.length);
      for (let i = 0; i < list.length; i++) out[i] = item(list[i], `${p}[${i}]`);
      return out;
    };
  },
  dict: (shape) => {
    const value = elementDecoder(shape.values);
    return (el, p) => {
      if (isNil(el)) throw invalid(p, 'nil', reason.notNull);
      const out: Record<string, unknown> = Object.create(null);
      for (const entry of items(el, p, 'a dict of <item> elements')) {
        const e = dictEntry(entry, p);
        out[e.key] = value(e.value, `${p}[${e.key}]`);
      }
      return out;
    };
  },
  nullable: (shape) => {
    const inner = elementDecoder(shape.inner);
    const isNull = nullElement(shape.inner);
    return (el, p) => (isNull(el) ? null : inner(el, p));
  },
  null: () => (el, p) => {
    if (!isNil(el) && (el.children.length > 0 || el.text.trim() !== '')) throw invalid(p, shown(el), 'Value should be null');
    return null;
  },
  any: () => anyValue,
  complex: (shape) => {
    const fields = complexFields(shape);
    const list = [...fields.values()];
    const check = complexCheck(shape);
    return (el, p) => {
      check(el, p);
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
        if (f.required && !Object.hasOwn(out, f.name)) throw missingAttribute(`${p}.${f.name}`);
      }
      return out;
    };
  },
  otherwise: (shape) => {
    throw new TypeError(`XML decoder: ${shape.k} is read by leafConverter`);
  },
};

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
