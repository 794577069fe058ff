/**
 * A deep check, at start-up, that every schema of a function is one the codecs can carry, so
 * a `Type.Tuple` three levels down is a declaration error naming the function and the place,
 * not a stack at the first request.
 */
import type { TSchema } from '@sinclair/typebox';
import { declarationError } from '../errors/declaration.ts';
import { shapeOf } from '../schema/describe.ts';
import { unrepresentableOf } from '../schema/standard.ts';

/** Throws `SB_DECL_UNSUPPORTED_SCHEMA` for the first schema below `s` that no codec carries. */
export function checkCarried(s: TSchema, fn: string, place: string): void {
  const seen = new Set<TSchema>();
  const walk = (node: TSchema, where: string): void => {
    if (seen.has(node)) return;
    seen.add(node);
    // A Standard Schema nested in a `t` one that could not be converted: named where it is.
    const bad = unrepresentableOf(node);
    if (bad) {
      const place = bad.at ? `${where} (at ${bad.at})` : where;
      throw declarationError('SB_DECL_UNREPRESENTABLE_SCHEMA', { function: fn, place, vendor: bad.vendor, construct: bad.construct });
    }
    let shape: ReturnType<typeof shapeOf>;
    try {
      shape = shapeOf(node);
    } catch (err) {
      throw declarationError('SB_DECL_UNSUPPORTED_SCHEMA', { function: fn, place: where, reason: (err as Error).message });
    }
    switch (shape.k) {
      case 'array':
        walk(shape.items, `${where}[]`);
        break;
      case 'dict':
        walk(shape.values, `${where}{}`);
        break;
      case 'nullable':
        walk(shape.inner, where);
        break;
      case 'complex':
        for (const f of shape.fields) walk(f.schema, `${where}.${f.name}`);
        break;
    }
  };
  walk(s, place);
}
