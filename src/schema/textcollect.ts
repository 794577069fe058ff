/**
 * The collecting walk of the text codec (see `fielderrors.ts`): the checks of `text.ts`'s
 * decoders, in the same order, every error recorded and the walk going on.
 */
import type { TSchema } from '@sinclair/typebox';
import type { Collect } from './fielderrors.ts';
import { memoise } from './memoise.ts';
import { missingAttribute, unknownAttributes } from './scalars.ts';
import { type TextTree, complexMap, dictMap, emptyIsNull, itemsCheck, treeDecoder } from './textdecode.ts';
import { type PartialShapeVisitor, visit } from './visit.ts';

/** The collecting walk of a schema (cached per schema object). */
export const textCollector: (s: TSchema) => Collect<TextTree> = memoise((s) => visit(s, collectors));

const collectors: PartialShapeVisitor<Collect<TextTree>> = {
  array: (shape) => {
    const check = itemsCheck(shape);
    const item = textCollector(shape.items);
    return (t, p, out) => {
      let items: TextTree[];
      try {
        items = check(t, p);
      } catch (e) {
        return out.add(e, p);
      }
      for (let i = 0; i < items.length && !out.full; i++) item(items[i], `${p}[${i}]`, out);
    };
  },
  dict: (shape) => {
    const value = textCollector(shape.values);
    return (t, p, out) => {
      let m: { [key: string]: TextTree };
      try {
        m = dictMap(t, p);
      } catch (e) {
        return out.add(e, p);
      }
      for (const key of Object.keys(m)) {
        if (out.full) return;
        value(m[key], `${p}[${key}]`, out);
      }
    };
  },
  nullable: (shape) => {
    const inner = textCollector(shape.inner);
    const empty = emptyIsNull(shape.inner);
    return (t, p, out) => {
      if (!(t === null || (empty && t === ''))) inner(t, p, out);
    };
  },
  complex: (shape) => {
    const known = new Set(shape.fields.map((f) => f.name));
    const walks = shape.fields.map((f) => textCollector(f.schema));
    return (t, p, out) => {
      let m: { [key: string]: TextTree };
      try {
        m = complexMap(shape, t, p);
      } catch (e) {
        return out.add(e, p);
      }
      const unknown = Object.keys(m).filter((k) => !known.has(k));
      if (unknown.length > 0) out.add(unknownAttributes(p, unknown), p);
      shape.fields.forEach((f, i) => {
        if (out.full) return;
        const x = m[f.name];
        if (x !== undefined) walks[i](x, `${p}.${f.name}`, out);
        else if (f.required) out.add(missingAttribute(`${p}.${f.name}`), `${p}.${f.name}`);
      });
    };
  },
  // Leaves, null and any: their decoder is the whole check.
  otherwise: ({ s }) => {
    const decode = treeDecoder(s);
    return (t, p, out) => out.check(decode, t, p);
  },
};
