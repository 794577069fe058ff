/**
 * The JSON codec: compiled, per schema, into closures once at registration. Decoding turns a
 * parsed JSON value into the handler's value (checking it; a bad value's error lists every
 * field error, see `fielderrors.ts`); encoding writes the handler's value straight to JSON
 * text, omitting unset attributes. The decoders are in `jsondecode.ts`, their collecting walk
 * in `jsoncollect.ts`, the encoders in `jsonencode.ts`.
 */
import type { TSchema } from '@sinclair/typebox';
import { reporting } from './fielderrors.ts';
import { jsonCollector } from './jsoncollect.ts';
import { type JsonDecoder, valueDecoder } from './jsondecode.ts';
import { type JsonEncoder, int64TextEncoder, nullEncoder, valueEncoder } from './jsonencode.ts';
import { memoise } from './memoise.ts';

export type { JsonDecoder } from './jsondecode.ts';
export { plainCheck } from './jsondecode.ts';
export type { JsonEncoder } from './jsonencode.ts';
export { quote } from './jsonencode.ts';

const decoders = memoise((s): JsonDecoder => reporting(valueDecoder(s), () => jsonCollector(s)));

/**
 * The compiled JSON decoder of a schema (cached per schema object). It throws a Client error
 * naming the first bad value, with `fields` listing every field error found (at most 20).
 */
export function jsonDecoder(s: TSchema): JsonDecoder {
  return decoders(s);
}

/** How a JSON wire carries 64-bit integers: as numbers (the default) or as strings (Google's APIs, Cloud Endpoints). */
export type Int64Wire = 'number' | 'string';

/** The compiled JSON encoder of a schema (cached per schema object). `undefined` → `null`. */
export function jsonEncoder(s: TSchema | undefined, int64: Int64Wire = 'number'): JsonEncoder {
  return s === undefined ? nullEncoder : int64 === 'string' ? int64TextEncoder(s) : valueEncoder(s);
}
