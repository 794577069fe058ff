/**
 * The collecting walk of the XML codec (see `fielderrors.ts`): the checks of `xml.ts`'s
 * decoders, in the same order, every error recorded and the walk going on.
 */
import type { TSchema } from '@sinclair/typebox';
import { sbError } from '../errors/index.ts';
import type { Collect } from './fielderrors.ts';
import { memoise } from './memoise.ts';
import { invalid, missingAttribute, reason, unknownAttributes } from './scalars.ts';
import { type PartialShapeVisitor, visit } from './visit.ts';
import { complexCheck, complexFields, dictEntry, elementDecoder, isNil, items, itemsCheck, nullElement } from './xmldecode.ts';
import type { XmlElement } from './xmltext.ts';

/** The collecting walk of a schema (cached per schema object). */
export const xmlCollector: (s: TSchema) => Collect<XmlElement> = memoise((s) => visit(s, collectors));

const collectors: PartialShapeVisitor<Collect<XmlElement>> = {
  array: (shape) => {
    const check = itemsCheck(shape.s);
    const item = xmlCollector(shape.items);
    return (el, p, out) => {
      let list: readonly XmlElement[];
      try {
        list = check(el, p);
      } catch (e) {
        return out.add(e, p);
      }
      for (let i = 0; i < list.length && !out.full; i++) item(list[i], `${p}[${i}]`, out);
    };
  },
  dict: (shape) => {
    const value = xmlCollector(shape.values);
    return (el, p, out) => {
      let entries: readonly XmlElement[];
      try {
        if (isNil(el)) throw invalid(p, 'nil', reason.notNull);
        entries = items(el, p, 'a dict of <item> elements');
      } catch (e) {
        return out.add(e, p);
      }
      for (const entry of entries) {
        if (out.full) return;
        let e: { key: string; value: XmlElement };
        try {
          e = dictEntry(entry, p);
        } catch (err) {
          out.add(err, p);
          continue;
        }
        value(e.value, `${p}[${e.key}]`, out);
      }
    };
  },
  nullable: (shape) => {
    const inner = xmlCollector(shape.inner);
    const isNull = nullElement(shape.inner);
    return (el, p, out) => {
      if (!isNull(el)) inner(el, p, out);
    };
  },
  complex: (shape) => {
    const fields = complexFields(shape);
    const check = complexCheck(shape);
    const walks = new Map(shape.fields.map((f) => [f.name, xmlCollector(f.schema)]));
    return (el, p, out) => {
      try {
        check(el, p);
      } catch (e) {
        return out.add(e, p);
      }
      const seen = new Set<string>();
      const missing: string[] = [];
      let unknown: string[] | undefined;
      for (const c of el.children) {
        if (out.full) return;
        const f = fields.get(c.local);
        if (!f) {
          if (unknown) unknown.push(c.local);
          else unknown = [c.local];
          continue;
        }
        if (seen.has(f.name)) {
          out.add(sbError('SB_DUPLICATE_ARGUMENT', { name: `${p}.${f.name}` }), `${p}.${f.name}`);
          continue;
        }
        // A nil optional field that cannot be null is left unset, as the decoder does.
        if (!f.nullable && !f.required && isNil(c)) continue;
        seen.add(f.name);
        walks.get(f.name)!(c, `${p}.${f.name}`, out);
      }
      if (unknown) out.add(unknownAttributes(p, unknown), p);
      for (const f of fields.values()) if (f.required && !seen.has(f.name)) missing.push(f.name);
      for (const name of missing) out.add(missingAttribute(`${p}.${name}`), `${p}.${name}`);
    };
  },
  // Leaves, null and any: their decoder is the whole check.
  otherwise: ({ s }) => {
    const decode = elementDecoder(s);
    return (el, p, out) => out.check(decode, el, p);
  },
};
