/**
 * A response view projects what a handler returns to the view's fields, so a handler may
 * return whole entities and every protocol answers only what the operation declares.
 */
import type { Program, TypeInfo } from './program.ts';

/** A projector for a type, or undefined where nothing is to be dropped. */
export function projector(program: Program, type: TypeInfo): ((v: unknown) => unknown) | undefined {
  if (type.kind === 'array') {
    const inner = projector(program, type.items);
    return inner && ((v) => (Array.isArray(v) ? v.map(inner) : v));
  }
  if (type.kind !== 'object') return undefined;
  const o = program.types.get(type.name);
  if (!o) return undefined;
  const fields = o.fields.map((f) => ({ name: f.name, inner: f.type.kind === 'object' || f.type.kind === 'array' ? projector(program, f.type) : undefined }));
  return (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return v;
    const src = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const f of fields) {
      if (!(f.name in src)) continue;
      const x = src[f.name];
      out[f.name] = f.inner && x !== null && x !== undefined ? f.inner(x) : x;
    }
    return out;
  };
}
