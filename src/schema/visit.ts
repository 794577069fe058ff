/**
 * The one walk over shapes: a codec, a document writer or a checker says what it does with each
 * kind of shape, as an object with one method per kind, and `visit` calls the method of a
 * schema's shape. A complete visitor is checked complete by the compiler; a partial one names
 * what it does with the rest (`otherwise`).
 */
import type { TSchema } from '@sinclair/typebox';
import { type Shape, shapeOf } from './describe.ts';

/** The shape of one kind, e.g. `ShapeOf<'array'>` has `items`. */
export type ShapeOf<K extends Shape['k']> = Extract<Shape, { k: K }>;

/** What to do with a shape of each kind. */
export type ShapeVisitor<R> = { readonly [K in Shape['k']]: (shape: ShapeOf<K>) => R };

/** What to do with some kinds, and with every other. */
export type PartialShapeVisitor<R> = Partial<ShapeVisitor<R>> & { readonly otherwise: (shape: Shape) => R };

/** Calls the visitor's method for the shape of `s`. */
export function visit<R>(s: TSchema, visitor: ShapeVisitor<R> | PartialShapeVisitor<R>): R {
  const shape = shapeOf(s);
  const method = (visitor as Partial<Record<Shape['k'], (shape: Shape) => R>>)[shape.k];
  return method ? method(shape) : (visitor as PartialShapeVisitor<R>).otherwise(shape);
}
