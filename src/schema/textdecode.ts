/**
 * The text decoders, compiled per schema once at registration: a `TextTree` (see `text.ts`)
 * in, the handler's value out (checked), a Client error at the first bad value.
 */
import type { TSchema } from '@sinclair/typebox';
import { sbError } from '../errors/index.ts';
import { shapeOf } from './describe.ts';
import { memoise } from './memoise.ts';
import { invalid, missingAttribute, reason, unknownAttributes } from './scalars.ts';
import { leafConverter } from './textleaf.ts';
import { type PartialShapeVisitor, type ShapeOf, visit } from './visit.ts';

/** A string leaf, a repeated key's values, a nested map (null-prototype), or an explicit nil. */
export type TextTree = string | null | TextTree[] | { [key: string]: TextTree };

export type TextDecoder = (tree: TextTree, path: string) => unknown;

export const isMap = (t: TextTree): t is { [key: string]: TextTree } => typeof t === 'object' && t !== null && !Array.isArray(t);

/** The decoder of a schema, first error only (cached per schema object; recursive schemas work). */
export const treeDecoder: (s: TSchema) => TextDecoder = memoise((s) => {
  const leaf = leafConverter(s);
  return leaf ? scalar(leaf) : visit(s, decoders);
});

/** A decoder for one string; repeated values are the "given several times" client error. */
function scalar(convert: (text: string, path: string) => unknown): TextDecoder {
  return (t, p) => {
    if (typeof t === 'string') return convert(t, p);
    if (Array.isArray(t)) throw sbError('SB_DUPLICATE_ARGUMENT', { name: p });
    if (t === null) throw invalid(p, 'nil', reason.notNull);
    throw invalid(p, t, 'Value should be a single value');
  };
}

/** The item check of an array schema: its items (see `arrayItems`), within bounds. */
export function itemsCheck(shape: ShapeOf<'array'>): (t: TextTree, p: string) => TextTree[] {
  const itemShape = shapeOf(shape.items);
  const attributes = itemShape.k === 'complex' ? new Set(itemShape.fields.map((f) => f.name)) : undefined;
  const { minItems, maxItems } = shape.s as { minItems?: number; maxItems?: number };
  return (t, p) => {
    const items = arrayItems(t, p, attributes);
    if (minItems !== undefined && items.length < minItems) throw invalid(p, t, `Value should have at least ${minItems} items`);
    if (maxItems !== undefined && items.length > maxItems) throw invalid(p, t, `Value should have at most ${maxItems} items`);
    return items;
  };
}

/** The map of a dict: `''` is the empty dict. */
export function dictMap(t: TextTree, p: string): { [key: string]: TextTree } {
  if (t === '') return Object.create(null);
  if (t === null) throw invalid(p, 'nil', reason.notNull);
  if (!isMap(t)) throw invalid(p, t, 'Value should be a dict');
  return t;
}

/** The map of a complex value (`''` is the empty one). */
export function complexMap(shape: ShapeOf<'complex'>, t: TextTree, p: string): { [key: string]: TextTree } {
  if (t === '') return Object.create(null) as { [key: string]: TextTree };
  if (Array.isArray(t)) throw sbError('SB_DUPLICATE_ARGUMENT', { name: p });
  if (t === null) throw invalid(p, 'nil', reason.notNull);
  if (!isMap(t)) throw invalid(p, t, `Value should be an object (${shape.name})`);
  return t;
}

/** An empty text is null for types that have no empty value of their own (WSME: `?x=` is None). */
export function emptyIsNull(inner: TSchema): boolean {
  return !['string', 'any', 'array', 'dict', 'complex', 'enum'].includes(shapeOf(inner).k);
}

const decoders: PartialShapeVisitor<TextDecoder> = {
  array: (shape) => {
    const item = treeDecoder(shape.items);
    const check = itemsCheck(shape);
    return (t, p) => check(t, p).map((x, i) => item(x, `${p}[${i}]`));
  },
  dict: (shape) => {
    const value = treeDecoder(shape.values);
    return (t, p) => {
      const m = dictMap(t, p);
      const out: Record<string, unknown> = Object.create(null);
      for (const key of Object.keys(m)) out[key] = value(m[key], `${p}[${key}]`);
      return out;
    };
  },
  nullable: (shape) => {
    const inner = treeDecoder(shape.inner);
    const empty = emptyIsNull(shape.inner);
    return (t, p) => (t === null || (empty && t === '') ? null : inner(t, p));
  },
  null: () => (t, p) => {
    if (t !== null && t !== '') throw invalid(p, t, 'Value should be null');
    return null;
  },
  any: () => (t) => t,
  complex: (shape) => {
    const fields = shape.fields.map((f) => ({ name: f.name, ownOnly: f.ownOnly, required: f.required, decode: treeDecoder(f.schema) }));
    const known = new Set(fields.map((f) => f.name));
    return (t, p) => {
      const m = complexMap(shape, t, p);
      const unknown = Object.keys(m).filter((k) => !known.has(k));
      if (unknown.length > 0) throw unknownAttributes(p, unknown);
      const out: Record<string, unknown> = {};
      for (const f of fields) {
        const x = m[f.name];
        if (x === undefined) {
          if (f.required) throw missingAttribute(`${p}.${f.name}`);
        } else out[f.name] = f.decode(x, `${p}.${f.name}`);
      }
      return out;
    };
  },
  otherwise: (shape) => {
    throw new TypeError(`text decoder: ${shape.k} is read by leafConverter`);
  },
};

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
