export { t, type Static, type TSchema, type StringOptions, type NumberOptions, type ComplexOptions } from './types.ts';
export { shapeOf, type Shape, type Field } from './describe.ts';
export { typeName } from './typename.ts';
export { visit, type ShapeVisitor, type PartialShapeVisitor, type ShapeOf } from './visit.ts';
export { jsonDecoder, jsonEncoder, type JsonDecoder, type JsonEncoder } from './json.ts';
export { parseJson } from './jsontext.ts';
export { textDecoder, type TextTree, type TextDecoder } from './text.ts';
export { parsePairs, pairsToTree, keyPath } from './form.ts';
export * as scalars from './scalars.ts';
