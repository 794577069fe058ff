/**
 * Reading and writing XML text. The parser is a hand-written single-pass scanner that builds a
 * small namespace-resolved element tree for the XML codec and the SOAP protocol. It is
 * deliberately strict and closed: it refuses any DOCTYPE (so there are no entity definitions,
 * external entities or entity bombs), limits nesting depth without recursion, keeps names in
 * arrays (never as object keys, so `<__proto__>` is just a name) and turns every malformation
 * into the catalogued `SB_INVALID_XML` client error with a reason and a line/column.
 *
 * It was measured against `fast-xml-parser` (which neither resolves namespaces nor refuses
 * DOCTYPEs by itself) and is faster for request-sized documents; see docs/restxml.md.
 */
import { sbError, type SwitchboardError } from '../errors/index.ts';

/** The XML namespace, bound to the `xml` prefix in every document. */
export const XML_NS = 'http://www.w3.org/XML/1998/namespace';
/** The XML Schema instance namespace (`xsi:nil`, `xsi:type`). */
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

/** One in-scope namespace binding; scopes form a chain towards the document root. */
export interface XmlScope {
  /** The prefix, `''` for the default namespace. */
  readonly prefix: string;
  /** The namespace URI, `''` when the default namespace is undeclared (`xmlns=""`). */
  readonly uri: string;
  readonly parent: XmlScope | null;
}

/** An attribute with its resolved name. Namespace declarations (`xmlns`, `xmlns:p`) are not listed. */
export interface XmlAttr {
  /** Namespace URI; `''` for an unprefixed attribute (attributes take no default namespace). */
  readonly ns: string;
  readonly local: string;
  /** The prefix as written, for messages only: never compare it, compare `ns`. */
  readonly prefix: string;
  /** The value with entities decoded and whitespace normalised as XML requires. */
  readonly value: string;
}

/** An element of the parsed tree. */
export interface XmlElement {
  /** Namespace URI, `''` when the element is in no namespace. */
  readonly ns: string;
  readonly local: string;
  /** The prefix as written, for messages only: never compare it, compare `ns`. */
  readonly prefix: string;
  readonly attrs: XmlAttr[];
  /** Child elements in document order. */
  readonly children: XmlElement[];
  /** All character data directly inside the element (text and CDATA, entities decoded), concatenated. */
  text: string;
  /** The namespace bindings in scope at this element (for QName-valued content such as `xsi:type`). */
  readonly scope: XmlScope | null;
  /** Offset of the element's `<` in the source text. */
  readonly pos: number;
}

/** Options of {@link parseXml}. */
export interface ParseXmlOptions {
  /** Maximum element nesting depth; deeper documents are refused. Default 100. */
  maxDepth?: number;
  /** Maximum number of elements; larger documents are refused. Default 100,000. */
  maxElements?: number;
}

const DEFAULT_DEPTH = 100;
const DEFAULT_ELEMENTS = 100_000;
// Fixed bounds that keep the duplicate-attribute check and prefix lookups cheap: real
// documents stay far below them.
const MAX_ATTRIBUTES = 256;
const MAX_DECLARATIONS = 1024;

// XML 1.0 (5th ed.) NCName, i.e. Name without colons.
const NC_START = 'A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}';
const NC_CHAR = `${NC_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F\\u2040`;
const QNAME = new RegExp(`^(?:[${NC_START}][${NC_CHAR}]*:)?[${NC_START}][${NC_CHAR}]*$`, 'u');
const NCNAME = new RegExp(`^[${NC_START}][${NC_CHAR}]*$`, 'u');
// Characters XML 1.0 does not allow anywhere in a document.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML 1.0 forbids
const BAD_CHAR = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/;
const ENTITY = /&(?:(lt|gt|amp|quot|apos)|#([0-9]+)|#x([0-9a-fA-F]+));|&/g;
function named(name: string): string {
  switch (name) {
    case 'lt':
      return '<';
    case 'gt':
      return '>';
    case 'amp':
      return '&';
    case 'quot':
      return '"';
    default:
      return "'";
  }
}

const XML_SCOPE: XmlScope = { prefix: 'xml', uri: XML_NS, parent: null };

class Malformed extends Error {
  constructor(
    readonly reason: string,
    readonly at: number,
  ) {
    super(reason);
  }
}

/**
 * Parses an XML document into its root element.
 *
 * @throws SwitchboardError `SB_INVALID_XML` (a Client error) when the text is not well-formed,
 *   not namespace-well-formed, contains a DOCTYPE, or exceeds the depth or element limits.
 */
export function parseXml(text: string, options: ParseXmlOptions = {}): XmlElement {
  try {
    return scan(text, options.maxDepth ?? DEFAULT_DEPTH, options.maxElements ?? DEFAULT_ELEMENTS);
  } catch (e) {
    if (e instanceof Malformed) throw invalidXml(text, e.reason, e.at);
    throw e;
  }
}

/** The `SB_INVALID_XML` error for a reason at an offset of the text. */
export function invalidXml(text: string, reason: string, at: number): SwitchboardError {
  let line = 1;
  let col = 1;
  const end = Math.min(at, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      col = 1;
    } else col++;
  }
  return sbError('SB_INVALID_XML', { reason: `${reason} (line ${line}, column ${col})` });
}

/** True when `text[start, end)` is a QName: a quick pass over ASCII, the full pattern otherwise. */
function isQNameAt(text: string, start: number, end: number): boolean {
  if (end <= start) return false;
  let colon = -1;
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95) continue;
    if ((c >= 48 && c <= 57) || c === 45 || c === 46) {
      if (k === start || k === colon + 1) return false;
      continue;
    }
    if (c === 58) {
      if (colon >= 0 || k === start || k === end - 1) return false;
      colon = k;
      continue;
    }
    if (c > 127) return QNAME.test(text.slice(start, end));
    return false;
  }
  return true;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

function decode(raw: string, at: number): string {
  if (raw.indexOf('&') < 0) return raw;
  return raw.replace(ENTITY, (m: string, name: string | undefined, dec: string | undefined, hex: string | undefined, offset: number) => {
    if (name) return named(name);
    const cp = dec !== undefined ? Number.parseInt(dec, 10) : hex !== undefined ? Number.parseInt(hex, 16) : -1;
    if (cp < 0) {
      const ref = /^&[^\s&<;]{1,32};/.exec(raw.slice(offset, offset + 40));
      throw new Malformed(ref ? `Undefined entity ${ref[0]} (only the five XML entities exist; there is no DTD)` : 'Bare "&" (write &amp;)', at + offset);
    }
    if (cp === 9 || cp === 10 || cp === 13 || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff)) {
      return String.fromCodePoint(cp);
    }
    throw new Malformed(`Character reference ${m} is not an XML character`, at + offset);
  });
}

/** Character data: entities decoded, line ends normalised. */
function charData(raw: string, at: number): string {
  if (raw.indexOf('\r') >= 0) raw = raw.replace(/\r\n?/g, '\n');
  return decode(raw, at);
}

/** Attribute values: line ends and whitespace become spaces before entities are decoded. */
function attrValue(raw: string, at: number): string {
  if (raw.indexOf('<') >= 0) throw new Malformed('"<" in an attribute value', at);
  if (/[\t\n\r]/.test(raw)) raw = raw.replace(/\r\n|[\t\n\r]/g, ' ');
  return decode(raw, at);
}

function lookup(scope: XmlScope | null, prefix: string): string | undefined {
  for (let s = scope; s !== null; s = s.parent) if (s.prefix === prefix) return s.uri;
  // No default namespace declared means no namespace.
  return prefix === '' ? '' : undefined;
}

function skipMisc(text: string, i: number): number {
  // Comments and processing instructions; returns the index after them.
  if (text.startsWith('<!--', i)) {
    const end = text.indexOf('-->', i + 4);
    if (end < 0) throw new Malformed('Unterminated comment', i);
    return end + 3;
  }
  const end = text.indexOf('?>', i + 2);
  if (end < 0) throw new Malformed('Unterminated processing instruction', i);
  return end + 2;
}

function scan(text: string, maxDepth: number, maxElements: number): XmlElement {
  const bad = BAD_CHAR.exec(text);
  if (bad) throw new Malformed(`Character U+${bad[0].charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()} is not allowed in XML`, bad.index);
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let root: XmlElement | undefined;
  const stack: XmlElement[] = [];
  const qnames: string[] = [];
  let count = 0;
  let declarations = 0;
  // Raw attributes of the tag being read: name, value, offset triples.
  const rawNames: string[] = [];
  const rawValues: string[] = [];
  const rawAt: number[] = [];
  // How many of them belong to the current tag (resetting array lengths is slow).
  let na = 0;

  while (i < n) {
    const lt = text.indexOf('<', i);
    const top = stack.length > 0 ? stack[stack.length - 1] : undefined;
    // Character data up to the next markup.
    if (lt !== i) {
      const end = lt < 0 ? n : lt;
      const raw = text.slice(i, end);
      if (top) top.text += charData(raw, i);
      else if (!/^[ \t\r\n]*$/.test(raw)) throw new Malformed(root ? 'Text after the root element' : 'Text before the root element', i);
      if (lt < 0) break;
      i = lt;
    }
    const c1 = text.charCodeAt(i + 1);
    if (c1 === 33 /* ! */) {
      if (text.startsWith('<!--', i)) {
        i = skipMisc(text, i);
      } else if (text.startsWith('<![CDATA[', i)) {
        if (!top) throw new Malformed('CDATA outside the root element', i);
        const end = text.indexOf(']]>', i + 9);
        if (end < 0) throw new Malformed('Unterminated CDATA section', i);
        const raw = text.slice(i + 9, end);
        top.text += raw.indexOf('\r') >= 0 ? raw.replace(/\r\n?/g, '\n') : raw;
        i = end + 3;
      } else if (text.startsWith('<!DOCTYPE', i)) {
        throw new Malformed('DOCTYPE is not allowed (no DTDs, no entity definitions)', i);
      } else {
        throw new Malformed('Unexpected "<!"', i);
      }
      continue;
    }
    if (c1 === 63 /* ? */) {
      const target = /^<\?([^\s?]*)/.exec(text.slice(i, i + 64));
      if (target && target[1].toLowerCase() === 'xml' && i !== (text.charCodeAt(0) === 0xfeff ? 1 : 0)) {
        throw new Malformed('XML declaration not at the start of the document', i);
      }
      i = skipMisc(text, i);
      continue;
    }
    if (c1 === 47 /* / */) {
      // End tag.
      if (!top) throw new Malformed('End tag without a start tag', i);
      const open = qnames[qnames.length - 1];
      let k = i + 2 + open.length;
      const same = text.startsWith(open, i + 2);
      if (same) while (k < n && isSpace(text.charCodeAt(k))) k++;
      if (!same || text.charCodeAt(k) !== 62) {
        const gt = text.indexOf('>', i + 2);
        if (gt < 0) throw new Malformed('Unterminated end tag', i);
        throw new Malformed(`End tag </${text.slice(i + 2, gt).trimEnd()}> does not match <${open}>`, i);
      }
      stack.pop();
      qnames.pop();
      i = k + 1;
      continue;
    }
    // Start tag.
    const start = i;
    if (root && !top) throw new Malformed('A second root element', i);
    let j = i + 1;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (isSpace(c) || c === 62 || c === 47) break;
      j++;
    }
    const qname = text.slice(i + 1, j);
    if (!isQNameAt(text, i + 1, j)) throw new Malformed(qname ? `Invalid element name "${qname}"` : 'Expected an element name after "<"', i);
    na = 0;
    let selfClosing = false;
    for (;;) {
      const k = j;
      while (j < n && isSpace(text.charCodeAt(j))) j++;
      if (j >= n) throw new Malformed(`Unterminated start tag <${qname}>`, start);
      const c = text.charCodeAt(j);
      if (c === 62) {
        j++;
        break;
      }
      if (c === 47) {
        if (text.charCodeAt(j + 1) !== 62) throw new Malformed('Expected ">" after "/"', j);
        selfClosing = true;
        j += 2;
        break;
      }
      if (k === j) throw new Malformed('Expected whitespace between attributes', j);
      const nameStart = j;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === 61 || isSpace(d) || d === 62 || d === 47) break;
        j++;
      }
      const aname = text.slice(nameStart, j);
      if (!isQNameAt(text, nameStart, j)) throw new Malformed(aname ? `Invalid attribute name "${aname}"` : 'Expected an attribute name', nameStart);
      while (j < n && isSpace(text.charCodeAt(j))) j++;
      if (text.charCodeAt(j) !== 61) throw new Malformed(`Expected "=" after attribute ${aname}`, j);
      j++;
      while (j < n && isSpace(text.charCodeAt(j))) j++;
      const q = text.charCodeAt(j);
      if (q !== 34 && q !== 39) throw new Malformed(`Expected a quoted value for attribute ${aname}`, j);
      const close = text.indexOf(q === 34 ? '"' : "'", j + 1);
      if (close < 0) throw new Malformed(`Unterminated value of attribute ${aname}`, j);
      for (let a = 0; a < na; a++) {
        if (rawNames[a] === aname) throw new Malformed(`Duplicate attribute ${aname}`, nameStart);
      }
      if (na >= MAX_ATTRIBUTES) throw new Malformed(`More than ${MAX_ATTRIBUTES} attributes on <${qname}>`, nameStart);
      rawNames[na] = aname;
      rawValues[na] = attrValue(text.slice(j + 1, close), j);
      rawAt[na] = nameStart;
      na++;
      j = close + 1;
    }

    // Namespace declarations first: they apply to the element's own name and attributes.
    let scope: XmlScope | null = top ? top.scope : XML_SCOPE;
    for (let a = 0; a < na; a++) {
      const an = rawNames[a];
      if (an === 'xmlns') {
        const uri = rawValues[a];
        if (uri === XML_NS || uri === XMLNS_NS) throw new Malformed(`The namespace ${uri} cannot be the default namespace`, rawAt[a]);
        if (++declarations > MAX_DECLARATIONS) throw new Malformed(`More than ${MAX_DECLARATIONS} namespace declarations`, rawAt[a]);
        scope = { prefix: '', uri, parent: scope };
      } else if (an.startsWith('xmlns:')) {
        const p = an.slice(6);
        const uri = rawValues[a];
        if (p === 'xmlns') throw new Malformed('The prefix xmlns cannot be declared', rawAt[a]);
        if (p === 'xml' ? uri !== XML_NS : uri === XML_NS || uri === XMLNS_NS) {
          throw new Malformed(`The prefix ${p} cannot be bound to ${uri}`, rawAt[a]);
        }
        if (uri === '') throw new Malformed(`The prefix ${p} cannot be undeclared (xmlns:${p}="")`, rawAt[a]);
        if (++declarations > MAX_DECLARATIONS) throw new Malformed(`More than ${MAX_DECLARATIONS} namespace declarations`, rawAt[a]);
        scope = { prefix: p, uri, parent: scope };
      }
    }
    const colon = qname.indexOf(':');
    const prefix = colon < 0 ? '' : qname.slice(0, colon);
    const ns = lookup(scope, prefix);
    if (ns === undefined) throw new Malformed(`Undeclared namespace prefix "${prefix}"`, start);
    const attrs: XmlAttr[] = [];
    for (let a = 0; a < na; a++) {
      const an = rawNames[a];
      if (an === 'xmlns' || an.startsWith('xmlns:')) continue;
      const ac = an.indexOf(':');
      let ans = '';
      let ap = '';
      let alocal = an;
      if (ac >= 0) {
        ap = an.slice(0, ac);
        alocal = an.slice(ac + 1);
        const u = lookup(scope, ap);
        if (u === undefined) throw new Malformed(`Undeclared namespace prefix "${ap}"`, rawAt[a]);
        ans = u;
        for (const other of attrs) {
          if (other.ns === ans && other.local === alocal) throw new Malformed(`Duplicate attribute {${ans}}${alocal}`, rawAt[a]);
        }
      }
      attrs.push({ ns: ans, local: alocal, prefix: ap, value: rawValues[a] });
    }
    const el: XmlElement = {
      ns,
      local: colon < 0 ? qname : qname.slice(colon + 1),
      prefix,
      attrs,
      children: [],
      text: '',
      scope,
      pos: start,
    };
    if (++count > maxElements) throw new Malformed(`More than ${maxElements} elements`, start);
    if (top) top.children.push(el);
    else root = el;
    if (stack.length >= maxDepth) throw new Malformed(`Elements nested deeper than ${maxDepth} levels`, start);
    if (!selfClosing) {
      stack.push(el);
      qnames.push(qname);
    }
    i = j;
  }
  if (stack.length > 0) throw new Malformed(`Unclosed element <${qnames[qnames.length - 1]}>`, n);
  if (!root) throw new Malformed('No root element', n);
  return root;
}

const DECLARED_ENCODING = /^\uFEFF?<\?xml\s[^?]*?\bencoding\s*=\s*["']([A-Za-z][A-Za-z0-9._-]*)["']/;

/**
 * The `encoding` named by the document's XML declaration, lower-cased, or undefined. Callers
 * that decoded the bytes as UTF-8 use it to refuse documents that say they are something else.
 */
export function declaredEncoding(text: string): string | undefined {
  return DECLARED_ENCODING.exec(text)?.[1].toLowerCase();
}

// ---- Navigation ----

/** The first child element with this namespace URI and local name. */
export function child(el: XmlElement, ns: string, local: string): XmlElement | undefined {
  for (const c of el.children) if (c.local === local && c.ns === ns) return c;
  return undefined;
}

/** Every child element with this namespace URI and local name. */
export function childrenNamed(el: XmlElement, ns: string, local: string): XmlElement[] {
  return el.children.filter((c) => c.local === local && c.ns === ns);
}

/** The value of an attribute by namespace URI (`''` for unprefixed) and local name. */
export function attr(el: XmlElement, ns: string, local: string): string | undefined {
  for (const a of el.attrs) if (a.local === local && a.ns === ns) return a.value;
  return undefined;
}

/**
 * Resolves a QName written in content or an attribute value (`xsi:type="xs:int"`, a SOAP
 * faultcode) against the bindings in scope at `el`. Unprefixed names take the default namespace.
 */
export function resolveQName(el: XmlElement, qname: string): { ns: string; local: string } | undefined {
  const q = qname.trim();
  if (!QNAME.test(q)) return undefined;
  const c = q.indexOf(':');
  const ns = lookup(el.scope, c < 0 ? '' : q.slice(0, c));
  return ns === undefined ? undefined : { ns, local: c < 0 ? q : q.slice(c + 1) };
}

/** True for an XML NCName (a valid local name or prefix). */
export function isNcName(name: string): boolean {
  return NCNAME.test(name);
}

/** The `{ns}local` display form of an element's name, for messages. */
export function nameOf(el: XmlElement | XmlAttr): string {
  return el.prefix ? `${el.prefix}:${el.local}` : el.local;
}

// ---- Writing ----

// One test for the common case of nothing to do: specials, control characters, surrogates.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML 1.0 forbids
const TEXT_ANY = /[&<>\r\x00-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML 1.0 forbids
const ATTR_ANY = /[&<>"\t\n\r\x00-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/;
// Characters XML 1.0 cannot carry at all, even as references; replaced by U+FFFD.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML 1.0 forbids
const UNREPRESENTABLE = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function replaceSpecial(c: string): string {
  switch (c) {
    case '&':
      return '&amp;';
    case '<':
      return '&lt;';
    case '>':
      return '&gt;';
    case '"':
      return '&quot;';
    case '\t':
      return '&#9;';
    case '\n':
      return '&#10;';
    default:
      return '&#13;';
  }
}

function representable(s: string): string {
  UNREPRESENTABLE.lastIndex = 0;
  return UNREPRESENTABLE.test(s) ? s.replace(UNREPRESENTABLE, '\uFFFD') : s;
}

/**
 * Escapes character data for element content: `&`, `<`, `>` and CR (kept as `&#13;` so it
 * survives line-end normalisation). Characters XML 1.0 cannot represent become U+FFFD.
 */
export function escapeXmlText(s: string): string {
  if (!TEXT_ANY.test(s)) return s;
  return representable(s).replace(/[&<>\r]/g, replaceSpecial);
}

/** Escapes a double-quoted attribute value (also tab, LF and CR, which would otherwise be normalised). */
export function escapeXmlAttr(s: string): string {
  if (!ATTR_ANY.test(s)) return s;
  return representable(s).replace(/[&<>"\t\n\r]/g, replaceSpecial);
}
