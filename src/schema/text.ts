/**
 * The text codec: values that arrive as strings — query strings, form posts, WSME's complex
 * notation (`p.hobbies[0]=x`), and any wire whose leaves are text. A `TextTree` is what such a
 * source yields; the compiled decoder converts it to the handler's value per schema. The
 * decoders are in `textdecode.ts`, their collecting walk (every field error of a bad value) in
 * `textcollect.ts`.
 */
import type { TSchema } from '@sinclair/typebox';
import { reporting } from './fielderrors.ts';
import { memoise } from './memoise.ts';
import { textCollector } from './textcollect.ts';
import { type TextDecoder, treeDecoder } from './textdecode.ts';

export type { TextDecoder, TextTree } from './textdecode.ts';

const decoders = memoise((s): TextDecoder => reporting(treeDecoder(s), () => textCollector(s)));

/**
 * The compiled text decoder of a schema (cached per schema object). It throws a Client error
 * naming the first bad value, with `fields` listing every field error found (at most 20).
 */
export function textDecoder(s: TSchema): TextDecoder {
  return decoders(s);
}
