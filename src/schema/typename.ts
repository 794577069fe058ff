/** The WSME-style names of types, as errors and documents show them (`Person[]`, `dict(str, int)`). */
import type { TSchema } from '@sinclair/typebox';
import { type PartialShapeVisitor, visit } from './visit.ts';

/** WSME-style type name of a schema, used in error messages and documents. */
export function typeName(s: TSchema): string {
  return visit(s, names);
}

const names: PartialShapeVisitor<string> = {
  complex: (shape) => shape.name,
  array: (shape) => `${typeName(shape.items)}[]`,
  dict: (shape) => `dict(str, ${typeName(shape.values)})`,
  nullable: (shape) => `${typeName(shape.inner)}?`,
  enum: (shape) => shape.name ?? `Enum(${shape.values.join(', ')})`,
  otherwise: (shape) => shape.k,
};
