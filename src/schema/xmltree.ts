/**
 * The parsed XML tree: elements with namespace-resolved names, their attributes and text, and
 * the chain of namespace bindings in scope at each.
 */

/** The XML namespace, bound to the `xml` prefix in every document. */
export const XML_NS = 'http://www.w3.org/XML/1998/namespace';
/** The XML Schema instance namespace (`xsi:nil`, `xsi:type`). */
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
/** The namespace of namespace declarations themselves; nothing may be bound to it. */
export const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

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
  readonly attrs: readonly XmlAttr[];
  /** Child elements in document order. */
  readonly children: readonly XmlElement[];
  /** All character data directly inside the element (text and CDATA, entities decoded), concatenated. */
  text: string;
  /** The namespace bindings in scope at this element (for QName-valued content such as `xsi:type`). */
  readonly scope: XmlScope | null;
  /** Offset of the element's `<` in the source text. */
  readonly pos: number;
}

/** An element as the parser builds it: its list of children grows. */
export interface ParsedElement extends XmlElement {
  children: XmlElement[];
}

/**
 * The children of every element that has none: the parser gives an element a list of its own
 * at its first child (most elements are leaves). Frozen: only the parser adds children.
 */
export const NO_CHILDREN: XmlElement[] = Object.freeze([]) as unknown as XmlElement[];

/** The bindings every document starts with: `xml` only. */
export const XML_SCOPE: XmlScope = { prefix: 'xml', uri: XML_NS, parent: null };

/** The URI a prefix is bound to in a scope; `undefined` for an undeclared prefix. */
export function lookup(scope: XmlScope | null, prefix: string): string | undefined {
  for (let s = scope; s !== null; s = s.parent) if (s.prefix === prefix) return s.uri;
  // No default namespace declared means no namespace.
  return prefix === '' ? '' : undefined;
}
