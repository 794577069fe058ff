/**
 * Reading and writing XML text: what the XML codec and the SOAP protocol import. The parser is
 * a hand-written single-pass scanner that builds a small namespace-resolved element tree. It
 * is deliberately strict and closed: it refuses any DOCTYPE (so there are no entity
 * definitions, external entities or entity bombs), limits nesting depth without recursion,
 * keeps names in arrays (never as object keys, so `<__proto__>` is just a name) and turns
 * every malformation into the catalogued `SB_INVALID_XML` client error with a reason and a
 * line/column. What it accepts is checked against xmllint (`xmltext.corpus.test.ts`).
 *
 * It was measured against `fast-xml-parser` (which neither resolves namespaces nor refuses
 * DOCTYPEs by itself) and is faster for request-sized documents; see docs/restxml.md.
 *
 * One idea per file: `xmltree.ts` (the tree), `xmlparse.ts` (the pass), `xmltag.ts`,
 * `xmlprefix.ts` (resuming after a known prefix), `xmlchars.ts`, `xmlmisc.ts`, `xmldecl.ts`, `xmlnamespaces.ts`, `xmlnames.ts` (what it reads),
 * `xmlmalformed.ts` (its errors), `xmlnav.ts` (navigation), `xmlescape.ts` (writing).
 */
export { XML_NS, XSI_NS, type XmlAttr, type XmlElement, type XmlScope } from './xmltree.ts';
export { parseXml, type ParseXmlOptions } from './xmlparse.ts';
export { XmlPrefix } from './xmlprefix.ts';
export { invalidXml } from './xmlmalformed.ts';
export { declaredEncoding } from './xmldecl.ts';
export { attr, child, childrenNamed, resolveQName } from './xmlnav.ts';
export { isNcName } from './xmlnames.ts';
export { escapeXmlAttr, escapeXmlText } from './xmlescape.ts';
