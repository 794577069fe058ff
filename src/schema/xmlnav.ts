/** Finding one's way in a parsed tree: children and attributes by namespace and local name, QNames in content. */
import { QNAME } from './xmlnames.ts';
import { type XmlElement, lookup } from './xmltree.ts';

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
