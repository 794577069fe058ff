/**
 * The text codec: values that arrive as strings — query strings, form posts, WSME's complex
 * notation (`p.hobbies[0]=x`), and any wire whose leaves are text. A `TextTree` is what such a
 * source yields; the compiled decoder converts it to the handler's value per schema.
 */
import type { TSchema } from '@sinclair/typebox';
import { sbError } from '../errors/index.ts';
import { shapeOf } from './describe.ts';
import { leafConverter } from './textleaf.ts';
import {
  invalid,
  reason,
  unknownAttributes,
} from './scalars.ts';

/** A string leaf, a repeated key's values, a nested map (null-prototype), or an explicit nil. */
export type TextTree = string | null | TextTree[] | { [key: string]: TextTree };

export type TextDecoder = (tree: TextTree, path: string) => unknown;

const cache = new WeakMap<TSchema, TextDecoder>();

const isMap = (t: TextTree): t is { [key: string]: TextTree } => typeof t === 'object' && t !== null && !Array.isArray(t);

/** The compiled text decoder of a schema (cached per schema object). */
export function textDecoder(s: TSchema): TextDecoder {
  let d = cache.get(s);
  if (!d) {
    let real: TextDecoder | undefined;
    cache.set(s, (t, p) => real!(t, p));
    real = build(s);
    cache.set(s, real);
    d = real;
  }
  return d;
}

/** A decoder for one string; repeated values are the "given several times" client error. */
function scalar(convert: (text: string, path: string) => unknown): TextDecoder {
  return (t, p) => {
    if (typeof t === 'string') return convert(t, p);
    if (Array.isArray(t)) throw sbError('SB_DUPLICATE_ARGUMENT', { name: p });
    if (t === null) throw invalid(p, 'nil', reason.notNull);
    throw invalid(p, t, 'Value should be a single value');
  };
}

function build(s: TSchema): TextDecoder {
  const leaf = leafConverter(s);
  if (leaf) return scalar(leaf);
  const shape = shapeOf(s);
  switch (shape.k) {
    case 'array': {
      const item = textDecoder(shape.items);
      const itemShape = shapeOf(shape.items);
      const attributes = itemShape.k === 'complex' ? new Set(itemShape.fields.map((f) => f.name)) : undefined;
      const { minItems, maxItems } = s as { minItems?: number; maxItems?: number };
      return (t, p) => {
        const items = arrayItems(t, p, attributes);
        if (minItems !== undefined && items.length < minItems) throw invalid(p, t, `Value should have at least ${minItems} items`);
        if (maxItems !== undefined && items.length > maxItems) throw invalid(p, t, `Value should have at most ${maxItems} items`);
        return items.map((x, i) => item(x, `${p}[${i}]`));
      };
    }
    case 'dict': {
      const value = textDecoder(shape.values);
      return (t, p) => {
        if (t === '') return Object.create(null);
        if (t === null) throw invalid(p, 'nil', reason.notNull);
        if (!isMap(t)) throw invalid(p, t, 'Value should be a dict');
        const out: Record<string, unknown> = Object.create(null);
        for (const key of Object.keys(t)) out[key] = value(t[key], `${p}[${key}]`);
        return out;
      };
    }
    case 'nullable': {
      const inner = textDecoder(shape.inner);
      // An empty text is null for types that have no empty value of their own (WSME: `?x=` is None).
      const emptyIsNull = !['string', 'any', 'array', 'dict', 'complex', 'enum'].includes(shapeOf(shape.inner).k);
      return (t, p) => (t === null || (emptyIsNull && t === '') ? null : inner(t, p));
    }
    case 'null':
      return (t, p) => {
        if (t !== null && t !== '') throw invalid(p, t, 'Value should be null');
        return null;
      };
    case 'any':
      return (t) => t;
    case 'complex': {
      const fields = shape.fields.map((f) => ({ name: f.name, ownOnly: f.ownOnly, required: f.required, decode: textDecoder(f.schema) }));
      const known = new Set(fields.map((f) => f.name));
      return (t, p) => {
        if (t === '') t = Object.create(null) as { [key: string]: TextTree };
        if (Array.isArray(t)) throw sbError('SB_DUPLICATE_ARGUMENT', { name: p });
        if (t === null) throw invalid(p, 'nil', reason.notNull);
        if (!isMap(t)) throw invalid(p, t, `Value should be an object (${shape.name})`);
        const unknown = Object.keys(t).filter((k) => !known.has(k));
        if (unknown.length > 0) throw unknownAttributes(p, unknown);
        const out: Record<string, unknown> = {};
        for (const f of fields) {
          const x = t[f.name];
          if (x === undefined) {
            if (f.required) throw invalid(`${p}.${f.name}`, '', reason.mandatory);
          } else out[f.name] = f.decode(x, `${p}.${f.name}`);
        }
        return out;
      };
    }
  }
  throw new TypeError(`text decoder: ${shape.k} is read by leafConverter`);
}

const INDEX = /^\d+$/;

/**
 * The items of an array argument: repeated keys (`v=a&v=b`), `v[0]`-indexed maps (sorted by
 * index, as WSME does), one value, or — for arrays of complex types — WSME's attribute lists
 * (`v.name=a&v.name=b` is two items).
 */
function arrayItems(t: TextTree, p: string, attributes: ReadonlySet<string> | undefined): TextTree[] {
  if (Array.isArray(t)) return t;
  if (typeof t === 'string') return t === '' ? [] : [t];
  if (t === null) throw invalid(p, 'nil', reason.notNull);
  const keys = Object.keys(t);
  if (attributes && keys.length > 0 && keys.every((k) => attributes.has(k))) return transpose(t);
  const indexed: [number, TextTree][] = [];
  for (const key of keys) {
    if (!INDEX.test(key)) throw invalid(`${p}.${key}`, key, 'Value should be a list (indexes are numbers)');
    indexed.push([Number(key), t[key]]);
  }
  indexed.sort((a, b) => a[0] - b[0]);
  return indexed.map((e) => e[1]);
}

/** `{name: [a, b], age: [1, 2]}` → `[{name: a, age: 1}, {name: b, age: 2}]`. */
function transpose(t: { [key: string]: TextTree }): TextTree[] {
  const items: { [key: string]: TextTree }[] = [];
  for (const key of Object.keys(t)) {
    const column = t[key];
    const values = Array.isArray(column) ? column : [column];
    for (let i = 0; i < values.length; i++) {
      if (items.length <= i) items.push(Object.create(null));
      items[i][key] = values[i];
    }
  }
  return items;
}
