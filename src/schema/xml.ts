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
import { sbError } from '../errors/index.ts';
import { type FieldErrors, reporting } from './fielderrors.ts';
import { memoise } from './memoise.ts';
import { xmlCollector } from './xmlcollect.ts';
import { type XmlDecoder, elementDecoder } from './xmldecode.ts';
import type { XmlElement } from './xmltext.ts';

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

/**
 * Decodes the children of a wrapper element (`<parameters><id>1</id></parameters>`, a SOAP
 * operation element) as named arguments, compiled once per argument list. A child naming no
 * argument is the `SB_UNKNOWN_ARGUMENT` client error, a repeated one `SB_DUPLICATE_ARGUMENT`;
 * absent arguments are left out (the runtime applies defaults and reports missing ones). A bad
 * value's error lists the field errors of every argument (at most 20).
 */
export function xmlArgumentsDecoder(args: readonly { readonly name: string; readonly schema: TSchema }[]): (el: XmlElement) => Record<string, unknown> {
  const byName = new Map(args.map((a) => [a.name, a.schema]));
  const decoders = new Map(args.map((a) => [a.name, elementDecoder(a.schema)]));
  const decode = (el: XmlElement): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const c of el.children) {
      const d = decoders.get(c.local);
      if (!d) throw sbError('SB_UNKNOWN_ARGUMENT', { name: c.local });
      if (Object.hasOwn(out, c.local)) throw sbError('SB_DUPLICATE_ARGUMENT', { name: c.local });
      out[c.local] = d(c, c.local);
    }
    return out;
  };
  const collect = (el: XmlElement, _p: string, out: FieldErrors): void => {
    const seen = new Set<string>();
    for (const c of el.children) {
      if (out.full) return;
      const s = byName.get(c.local);
      if (s === undefined) out.add(sbError('SB_UNKNOWN_ARGUMENT', { name: c.local }), c.local);
      else if (seen.has(c.local)) out.add(sbError('SB_DUPLICATE_ARGUMENT', { name: c.local }), c.local);
      else {
        seen.add(c.local);
        xmlCollector(s)(c, c.local, out);
      }
    }
  };
  const reported = reporting((el: XmlElement) => decode(el), () => collect);
  return (el) => reported(el, '');
}
