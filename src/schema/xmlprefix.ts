/**
 * Parsing documents that start with a prefix read before. Clients of one service send the
 * same opening again and again (a SOAP toolkit's XML declaration, Envelope and Body, the
 * operation's start tag); the parser's state at the end of that opening is remembered, and a
 * document that starts with it is scanned from there. The scan is deterministic, so the tree is
 * the one a whole parse builds; any problem in the rest is reported by a whole parse, so the
 * error is the same too.
 */
import { Malformed } from './xmlmalformed.ts';
import { DEFAULT_DEPTH, DEFAULT_ELEMENTS, type ParseXmlOptions, type ScanState, finish, parseXml, scan } from './xmlparse.ts';
import { intern } from './intern.ts';
import { NO_CHILDREN, type ParsedElement, XML_SCOPE, type XmlElement, type XmlScope } from './xmltree.ts';

/**
 * A document prefix and the parser's state at its end: elements still open, none closed yet
 * (each open element's children are the next one only), so each parse gets fresh copies of
 * them and shares nothing that it could change.
 */
export class XmlPrefix {
  /** The end tags that close the prefix's open elements, innermost first: how most documents end. */
  private readonly closing: string;

  private constructor(
    /** The prefix text. */
    readonly text: string,
    private readonly state: ScanState,
    private readonly maxDepth: number,
    private readonly maxElements: number,
  ) {
    this.closing = state.qnames
      .map((q) => `</${q}>`)
      .reverse()
      .join('');
  }

  /**
   * The prefix `head` of a document, read as `parseXml` reads it with `options`; undefined when
   * it does not read (a problem in it), or when an element in it closes before its end.
   */
  static read(head: string, options: ParseXmlOptions = {}): XmlPrefix | undefined {
    const maxDepth = options.maxDepth ?? DEFAULT_DEPTH;
    const maxElements = options.maxElements ?? DEFAULT_ELEMENTS;
    let state: ScanState;
    try {
      state = scan(head, maxDepth, maxElements, undefined);
    } catch (e) {
      if (e instanceof Malformed) return undefined;
      throw e;
    }
    const { stack } = state;
    // Open elements only, each the only child of the one before: nothing else to copy.
    if (stack.length === 0 || state.count !== stack.length) return undefined;
    for (let k = 0; k < stack.length - 1; k++) if (stack[k]!.children.length !== 1 || stack[k]!.children[0] !== stack[k + 1]) return undefined;
    if (stack[stack.length - 1]!.children !== NO_CHILDREN) return undefined;
    return new XmlPrefix(head, interned(state), maxDepth, maxElements);
  }

  /**
   * Parses `text`, which starts with this prefix, as `parseXml` does with the prefix's options.
   *
   * @throws SwitchboardError `SB_INVALID_XML`, exactly as `parseXml` does.
   */
  parse(text: string): XmlElement {
    const from = this.state;
    const stack: ParsedElement[] = [];
    for (const el of from.stack) {
      const copy: ParsedElement = {
        ns: el.ns,
        local: el.local,
        prefix: el.prefix,
        attrs: el.attrs.length === 0 ? el.attrs : [...el.attrs],
        children: NO_CHILDREN,
        text: el.text,
        scope: el.scope,
        pos: el.pos,
      };
      if (stack.length > 0) stack[stack.length - 1]!.children = [copy];
      stack.push(copy);
    }
    const start: ScanState = { i: from.i, root: stack[0], stack, qnames: [...from.qnames], count: from.count, declared: { count: from.declared.count } };
    const n = text.length;
    const closing = this.closing;
    const end = n - closing.length;
    // A document that ends by closing what the prefix opened: up to that closing, then, when the
    // scan stops right there with those elements open, the closing pops them as a scan would.
    const closes = end >= from.i && text.slice(end) === closing;
    try {
      let st = scan(text, this.maxDepth, this.maxElements, start, closes ? end : n);
      if (closes && st.i === end && sameNames(st.qnames, from.qnames)) return st.root!;
      // Anything else: the scan goes on to the end from where it stands, as a whole scan would.
      if (st.i < n) st = scan(text, this.maxDepth, this.maxElements, st);
      return finish(st, n);
    } catch (e) {
      if (!(e instanceof Malformed)) throw e;
      // The whole parse reports it, as it would have without the prefix.
      return parseXml(text, { maxDepth: this.maxDepth, maxElements: this.maxElements });
    }
  }
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

/**
 * The state with its names and namespaces interned: every parse after the prefix compares them
 * (with the SOAP namespaces, an operation's namespace, end tags), and interned they compare
 * at once with literals and with each other.
 */
function interned(state: ScanState): ScanState {
  const scopes = new Map<XmlScope, XmlScope>();
  const scopeOf = (s: XmlScope | null): XmlScope | null => {
    if (s === null || s === XML_SCOPE) return s;
    let copy = scopes.get(s);
    if (copy === undefined) {
      copy = { prefix: intern(s.prefix), uri: intern(s.uri), parent: scopeOf(s.parent) };
      scopes.set(s, copy);
    }
    return copy;
  };
  const stack: ParsedElement[] = state.stack.map((el) => ({
    ns: intern(el.ns),
    local: intern(el.local),
    prefix: intern(el.prefix),
    attrs: el.attrs,
    children: NO_CHILDREN,
    text: el.text,
    scope: scopeOf(el.scope),
    pos: el.pos,
  }));
  return { ...state, root: stack[0], stack, qnames: state.qnames.map(intern) };
}
