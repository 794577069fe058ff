/**
 * Namespaces in XML 1.0: a start tag's declarations (`xmlns`, `xmlns:p`) open a scope, in which
 * its name and its attributes' names are resolved; what the recommendation forbids (undeclared
 * prefixes, rebinding `xml` or `xmlns`, undeclaring a prefix, one attribute twice under two
 * prefixes) is refused.
 */
import { Malformed, said } from './xmlmalformed.ts';
import type { RawTag } from './xmltag.ts';
import { NO_CHILDREN, type ParsedElement, XML_NS, XMLNS_NS, type XmlAttr, type XmlScope, lookup } from './xmltree.ts';

const NO_ATTRS: readonly XmlAttr[] = Object.freeze([]);

// A fixed bound that keeps prefix lookups cheap: real documents stay far below it.
const MAX_DECLARATIONS = 1024;

/** Namespace declarations met so far in the document. */
export interface DeclarationCount {
  count: number;
}

/** True for `xmlns:p`. Measured: `startsWith` costs several times these comparisons. */
function isPrefixDeclaration(name: string): boolean {
  return (
    name.length > 6 &&
    name.charCodeAt(5) === 58 &&
    name.charCodeAt(0) === 120 &&
    name.charCodeAt(1) === 109 &&
    name.charCodeAt(2) === 108 &&
    name.charCodeAt(3) === 110 &&
    name.charCodeAt(4) === 115
  );
}

/** The element of a start tag, its names resolved in the scope its declarations open within `parent`. */
export function resolveElement(tag: RawTag, parent: XmlScope | null, declared: DeclarationCount, start: number): ParsedElement {
  const { names, values, at, count, qname } = tag;
  // Namespace declarations first: they apply to the element's own name and attributes.
  let scope = parent;
  let declarations = 0;
  for (let a = 0; a < count; a++) {
    const an = names[a];
    if (an === 'xmlns') {
      const uri = values[a];
      if (uri === XML_NS || uri === XMLNS_NS) throw new Malformed(said`The namespace ${uri} cannot be the default namespace`, at[a]);
      if (++declared.count > MAX_DECLARATIONS) throw new Malformed(said`More than ${MAX_DECLARATIONS} namespace declarations`, at[a]);
      scope = { prefix: '', uri, parent: scope };
      declarations++;
    } else if (isPrefixDeclaration(an)) {
      const p = an.slice(6);
      const uri = values[a];
      if (p === 'xmlns') throw new Malformed('The prefix xmlns cannot be declared', at[a]);
      if (p === 'xml' ? uri !== XML_NS : uri === XML_NS || uri === XMLNS_NS) {
        throw new Malformed(said`The prefix ${p} cannot be bound to ${uri}`, at[a]);
      }
      if (uri === '') throw new Malformed(said`The prefix ${p} cannot be undeclared (xmlns:${p}="")`, at[a]);
      if (++declared.count > MAX_DECLARATIONS) throw new Malformed(said`More than ${MAX_DECLARATIONS} namespace declarations`, at[a]);
      scope = { prefix: p, uri, parent: scope };
      declarations++;
    }
  }
  const colon = qname.indexOf(':');
  const prefix = colon < 0 ? '' : qname.slice(0, colon);
  const ns = lookup(scope, prefix);
  if (ns === undefined) throw new Malformed(said`Undeclared namespace prefix "${prefix}"`, start);
  const local = colon < 0 ? qname : qname.slice(colon + 1);
  // Most elements have no attribute but namespace declarations: they share one empty list.
  if (declarations === count) return { ns, local, prefix, attrs: NO_ATTRS, children: NO_CHILDREN, text: '', scope, pos: start };
  const attrs: XmlAttr[] = [];
  for (let a = 0; a < count; a++) {
    const an = names[a];
    if (an === 'xmlns' || isPrefixDeclaration(an)) continue;
    const ac = an.indexOf(':');
    let ans = '';
    let ap = '';
    let alocal = an;
    if (ac >= 0) {
      ap = an.slice(0, ac);
      alocal = an.slice(ac + 1);
      const u = lookup(scope, ap);
      if (u === undefined) throw new Malformed(said`Undeclared namespace prefix "${ap}"`, at[a]);
      ans = u;
      for (const other of attrs) {
        if (other.ns === ans && other.local === alocal) throw new Malformed(said`Duplicate attribute {${ans}}${alocal}`, at[a]);
      }
    }
    attrs.push({ ns: ans, local: alocal, prefix: ap, value: values[a] });
  }
  return { ns, local, prefix, attrs, children: NO_CHILDREN, text: '', scope, pos: start };
}
