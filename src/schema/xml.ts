/**
 * The XML codec, compiled per schema into closures once at registration, with WSME's XML
 * representation of every type (REST+XML and SOAP share it):
 *
 * | type          | XML                                                          |
 * |---------------|--------------------------------------------------------------|
 * | scalars       | `<value>5</value>`                                           |
 * | arrays        | `<value><item>a</item><item>b</item></value>`                |
 * | dicts         | `<value><item><key>k</key><value>v</value></item></value>`   |
 * | null          | `<value nil="true"/>` (decoding also takes `xsi:nil="true"`) |
 * | complex types | `<value><id>1</id><name>x</name></value>`, unset omitted     |
 *
 * Decoding reads a parsed {@link XmlElement} and matches child elements by local name in any
 * namespace, so qualified (SOAP document/literal) and unqualified children both work.
 * Scalar text goes through the shared conversions of `scalars.ts`. A bad value's error lists
 * every field error. The decoders are in `xmldecode.ts`, their collecting walk in
 * `xmlcollect.ts`, the encoders in `xmlencode.ts`.
 */
import type { TSchema } from '@sinclair/typebox';
import { reporting } from './fielderrors.ts';
import { memoise } from './memoise.ts';
import { xmlCollector } from './xmlcollect.ts';
import { type XmlDecoder, elementDecoder } from './xmldecode.ts';

export { type XmlDecoder, isNil } from './xmldecode.ts';
export { type XmlEncodeOptions, type XmlEncoder, xmlEncoder } from './xmlencode.ts';

const decoders = memoise((s): XmlDecoder => reporting(elementDecoder(s), () => xmlCollector(s)));

/**
 * The compiled XML decoder of a schema (cached per schema object; recursive schemas work). It
 * throws a Client error naming the first bad value, with `fields` listing every field error
 * found (at most 20).
 */
export function xmlDecoder(s: TSchema): XmlDecoder {
  return decoders(s);
}
