/**
 * XML for the REST+XML and SOAP drivers, written here rather than taken from `src/schema` so
 * the suite does not check the codec with itself: a small reader of well-formed answers
 * (namespaces resolved, no DTD), and WSME's value forms (`<item>` lists, `<key>/<value>`
 * dicts, `nil="true"`) both ways. XML carries no types, so reading a value takes its schema.
 */
import { Kind, type TSchema } from '@sinclair/typebox';
import type { Value } from './model.ts';

export const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

export interface El {
  readonly ns: string;
  readonly local: string;
  /** Attributes by `{ns}local` (`local` alone without a namespace). */
  readonly attrs: ReadonlyMap<string, string>;
  readonly children: readonly El[];
  readonly text: string;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const decodeText = (s: string) =>
  s.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (_, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1))) : (ENTITIES[e] ?? `&${e};`),
  );
export const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const TAG = /<(\/?)([\w.:-]+)((?:\s+[\w.:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/y;
const ATTR = /([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** Parses a document into its root element. Throws on what it cannot read. */
export function parseXml(text: string): El {
  let i = text.startsWith('<?xml') ? text.indexOf('?>') + 2 : 0;
  type Open = { ns: string; local: string; attrs: Map<string, string>; children: El[]; text: string; scope: Map<string, string>; name: string };
  const stack: Open[] = [];
  let rootEl: El | undefined;
  // Bounded by the text: each turn consumes a tag or the text before one.
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    if (lt === -1) break;
    if (stack.length > 0) stack[stack.length - 1]!.text += decodeText(text.slice(i, lt));
    TAG.lastIndex = lt;
    const m = TAG.exec(text);
    if (!m) throw new SyntaxError(`parseXml: cannot read the tag at ${lt}: ${text.slice(lt, lt + 80)}`);
    i = lt + m[0].length;
    const [, closing, name, rawAttrs, selfClosing] = m;
    if (closing) {
      const open = stack.pop();
      if (!open || open.name !== name) throw new SyntaxError(`parseXml: </${name}> closes <${open?.name}>`);
      const el: El = { ns: open.ns, local: open.local, attrs: open.attrs, children: open.children, text: open.text };
      if (stack.length > 0) stack[stack.length - 1]!.children.push(el);
      else rootEl = el;
      continue;
    }
    const scope = new Map(stack[stack.length - 1]?.scope ?? []);
    const raw: [string, string][] = [];
    for (const a of rawAttrs!.matchAll(ATTR)) {
      const v = decodeText(a[2] ?? a[3] ?? '');
      if (a[1] === 'xmlns') scope.set('', v);
      else if (a[1]!.startsWith('xmlns:')) scope.set(a[1]!.slice(6), v);
      else raw.push([a[1]!, v]);
    }
    const split = (q: string, isAttr: boolean) => {
      const c = q.indexOf(':');
      const prefix = c === -1 ? '' : q.slice(0, c);
      // Unprefixed attributes are in no namespace; unprefixed elements in the default one.
      const ns = c === -1 && isAttr ? '' : (scope.get(prefix) ?? (prefix === 'xml' ? 'xml' : ''));
      return { ns, local: c === -1 ? q : q.slice(c + 1) };
    };
    const attrs = new Map<string, string>();
    for (const [k, v] of raw) {
      const { ns, local } = split(k, true);
      attrs.set(ns === '' ? local : `{${ns}}${local}`, v);
    }
    const { ns, local } = split(name!, false);
    const open: Open = { ns, local, attrs, children: [], text: '', scope, name: name! };
    if (selfClosing) {
      const el: El = { ns, local, attrs, children: [], text: '' };
      if (stack.length > 0) stack[stack.length - 1]!.children.push(el);
      else rootEl = el;
    } else stack.push(open);
  }
  if (!rootEl || stack.length > 0) throw new SyntaxError(`parseXml: not one complete element: ${text.slice(0, 200)}`);
  return rootEl;
}

/** The child elements named `local`, in any namespace. */
export const childrenNamed = (el: El, local: string) => el.children.filter((c) => c.local === local);
/** The one child named `local`, or undefined. */
export const child = (el: El, local: string) => el.children.find((c) => c.local === local);

export const isNil = (el: El) => ['nil', `{${XSI}}nil`].some((k) => el.attrs.get(k) === 'true' || el.attrs.get(k) === '1');

const props = (s: TSchema | undefined): Record<string, TSchema> | undefined => (s?.[Kind] === 'Object' ? (s.properties as Record<string, TSchema>) : undefined);
const dictValues = (s: TSchema | undefined): TSchema | undefined =>
  s?.[Kind] === 'Record' ? (Object.values(s.patternProperties as Record<string, TSchema>)[0] ?? undefined) : undefined;
const nullableInner = (s: TSchema | undefined): TSchema | undefined =>
  s?.[Kind] === 'Union' ? (s.anyOf as TSchema[]).find((x) => x[Kind] !== 'Null') : undefined;

/**
 * Writes a value as element `tag`, WSME's way. The schema only tells a dict from a complex
 * type (both objects); values it does not describe (an unknown argument) are written as they are.
 */
export function writeValue(v: Value, tag: string, schema: TSchema | undefined, nil: 'nil' | 'xsi'): string {
  const s = nullableInner(schema) ?? schema;
  if (v === null) return nil === 'xsi' ? `<${tag} xsi:nil="true"/>` : `<${tag} nil="true"/>`;
  if (Array.isArray(v))
    return `<${tag}>${v.map((x) => writeValue(x, 'item', s?.[Kind] === 'Array' ? (s.items as TSchema) : undefined, nil)).join('')}</${tag}>`;
  if (typeof v === 'object') {
    const values = dictValues(s);
    const entries = Object.entries(v as Record<string, Value>);
    if (values) return `<${tag}>${entries.map(([k, x]) => `<item><key>${escapeXml(k)}</key>${writeValue(x, 'value', values, nil)}</item>`).join('')}</${tag}>`;
    const fields = props(s) ?? {};
    return `<${tag}>${entries.map(([k, x]) => writeValue(x, k, fields[k], nil)).join('')}</${tag}>`;
  }
  return `<${tag}>${escapeXml(String(v))}</${tag}>`;
}

/** Reads element `el` as a value of `schema`; an optional field that is absent stays out. */
export function readValue(el: El, schema: TSchema): Value {
  const inner = nullableInner(schema);
  if (inner) return isNil(el) ? null : readValue(el, inner);
  if (isNil(el)) return null;
  const kind = schema[Kind] as string;
  if (Array.isArray(schema.enum)) return schema.type === 'integer' ? Number(el.text) : el.text;
  switch (kind) {
    case 'Integer':
    case 'Number':
      return Number(el.text);
    case 'BigInt':
      return BigInt(el.text.trim());
    case 'Boolean':
      return el.text.trim() === 'true';
    case 'Array':
      return childrenNamed(el, 'item').map((c) => readValue(c, schema.items as TSchema));
    case 'Record': {
      const out: Record<string, Value> = {};
      for (const item of childrenNamed(el, 'item')) out[child(item, 'key')?.text ?? ''] = readValue(child(item, 'value')!, dictValues(schema)!);
      return out;
    }
    case 'Object': {
      const out: Record<string, Value> = {};
      const fields = props(schema)!;
      for (const c of el.children) {
        const f = fields[c.local];
        if (!f) throw new Error(`readValue: <${c.local}> is no field of ${String(schema.$id)}`);
        out[c.local] = readValue(c, f);
      }
      return out;
    }
    default:
      // Strings of every format, and bytes (base64 text, as the JSON wires carry them).
      return el.text;
  }
}
