/**
 * The collecting walk of the JSON codec (see `fielderrors.ts`): the same checks as the
 * decoders of `jsondecode.ts`, in the same order, but every error is recorded and the walk
 * goes on to the next item or attribute.
 */
import type { TSchema } from '@sinclair/typebox';
import { fieldValue } from './describe.ts';
import type { Collect } from './fielderrors.ts';
import { acceptsNull, complexFields, isObject, listCheck, notAnObject, valueDecoder } from './jsondecode.ts';
import { memoise } from './memoise.ts';
import { missingAttribute, unknownAttributes } from './scalars.ts';
import { type PartialShapeVisitor, visit } from './visit.ts';

/** The collecting walk of a schema (cached per schema object). */
export const jsonCollector: (s: TSchema) => Collect<unknown> = memoise((s) => {
  const walk = visit(s, collectors);
  if (acceptsNull(s)) return walk;
  const decode = valueDecoder(s);
  return (v, p, out) => (v === null ? out.check(decode, v, p) : walk(v, p, out));
});

const collectors: PartialShapeVisitor<Collect<unknown>> = {
  array: (shape) => {
    const list = listCheck(shape.s);
    const item = jsonCollector(shape.items);
    return (v, p, out) => {
      out.check(list, v, p);
      if (!Array.isArray(v)) return;
      for (let i = 0; i < v.length && !out.full; i++) item(v[i], `${p}[${i}]`, out);
    };
  },
  dict: (shape) => {
    const decode = valueDecoder(shape.s);
    const value = jsonCollector(shape.values);
    return (v, p, out) => {
      if (!isObject(v)) return out.check(decode, v, p);
      for (const key of Object.keys(v)) {
        if (out.full) return;
        value(v[key], `${p}[${key}]`, out);
      }
    };
  },
  nullable: (shape) => {
    const inner = jsonCollector(shape.inner);
    return (v, p, out) => {
      if (v !== null) inner(v, p, out);
    };
  },
  complex: (shape) => {
    const { fields, known } = complexFields(shape);
    const walks = shape.fields.map((f) => jsonCollector(f.schema));
    return (v, p, out) => {
      if (!isObject(v)) return out.add(notAnObject(shape, v, p), p);
      const unknown = Object.keys(v).filter((k) => !known.has(k));
      if (unknown.length > 0) out.add(unknownAttributes(p, unknown), p);
      for (let i = 0; i < fields.length && !out.full; i++) {
        const f = fields[i];
        const x = fieldValue(v, f);
        if (x !== undefined) walks[i](x, `${p}.${f.name}`, out);
        else if (f.required) out.add(missingAttribute(`${p}.${f.name}`), `${p}.${f.name}`);
      }
    };
  },
  // Leaves: their decoder is the whole check.
  otherwise: ({ s }) => {
    const decode = valueDecoder(s);
    return (v, p, out) => out.check(decode, v, p);
  },
};
