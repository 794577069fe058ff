/** Whether a schema can carry an int64: JSON readers then keep long integer literals exact. */
import type { TSchema } from '@sinclair/typebox';
import { shapeOf } from './describe.ts';

/** True when a value of `s` may hold an int64 somewhere, so its JSON must be parsed exactly. */
export function holdsInt64(s: TSchema, seen: Set<TSchema> = new Set()): boolean {
  if (seen.has(s)) return false;
  seen.add(s);
  const shape = shapeOf(s);
  switch (shape.k) {
    case 'int64':
      return true;
    case 'array':
      return holdsInt64(shape.items, seen);
    case 'dict':
      return holdsInt64(shape.values, seen);
    case 'nullable':
      return holdsInt64(shape.inner, seen);
    case 'complex':
      return shape.fields.some((f) => holdsInt64(f.schema, seen));
    default:
      return false;
  }
}
