/**
 * The parser: one pass over the text that builds the element tree, handing each construct to
 * its reader (tags, character data, comments and instructions, namespaces). It limits nesting
 * depth without recursion and the element count, and refuses any DOCTYPE. The pass can start
 * where a known prefix of the document left it (`xmlprefix.ts`).
 */
import { cdata, charData, checkChars, holdsAt } from './xmlchars.ts';
import { Malformed, invalidXml, said } from './xmlmalformed.ts';
import { skipComment, skipInstruction } from './xmlmisc.ts';
import { type DeclarationCount, resolveElement } from './xmlnamespaces.ts';
import { RawTag, readEndTag, readStartTag } from './xmltag.ts';
import { NO_CHILDREN, type ParsedElement, XML_SCOPE, type XmlElement } from './xmltree.ts';

/** Options of {@link parseXml}. */
export interface ParseXmlOptions {
  /** Maximum element nesting depth; deeper documents are refused. Default 100. */
  maxDepth?: number;
  /** Maximum number of elements; larger documents are refused. Default 100,000. */
  maxElements?: number;
}

/** The limits when the options give none. */
export const DEFAULT_DEPTH = 100;
export const DEFAULT_ELEMENTS = 100_000;
const BLANK = /^[ \t\r\n]*$/;
// One start tag buffer for every document (measured: ~3% of a SOAP envelope's parse): a parse
// runs to its end without yielding, so none can interleave. It holds the last document's
// attribute strings until the next parse: one document's worth, never more.
const TAG = new RawTag();

/**
 * Parses an XML document into its root element.
 *
 * @throws SwitchboardError `SB_INVALID_XML` (a Client error) when the text is not well-formed,
 *   not namespace-well-formed, contains a DOCTYPE, or exceeds the depth or element limits.
 */
export function parseXml(text: string, options: ParseXmlOptions = {}): XmlElement {
  try {
    return finish(scan(text, options.maxDepth ?? DEFAULT_DEPTH, options.maxElements ?? DEFAULT_ELEMENTS, undefined), text.length);
  } catch (e) {
    if (!(e instanceof Malformed)) throw e;
    // A forbidden character is reported before anything else, wherever it stands: the scan
    // checks characters only in the slices it reads, and stops at the first problem it meets.
    let first = e;
    try {
      checkChars(text);
    } catch (bad) {
      if (bad instanceof Malformed) first = bad;
    }
    throw invalidXml(text, first.reason, first.at);
  }
}

/**
 * Where the scan stands: at `i`, with the elements still open (outermost first) and their
 * names as written, the counts the limits apply to. A document's start, or where its prefix
 * ended (`xmlprefix.ts`).
 */
export interface ScanState {
  i: number;
  root: XmlElement | undefined;
  readonly stack: ParsedElement[];
  readonly qnames: string[];
  count: number;
  readonly declared: DeclarationCount;
}

/** The root of a scan that reached the end of its text: every element closed. */
export function finish(st: ScanState, n: number): XmlElement {
  const { stack, qnames, root } = st;
  if (stack.length > 0) throw new Malformed(said`Unclosed element <${qnames[qnames.length - 1]}>`, n);
  if (!root) throw new Malformed('No root element', n);
  return root;
}

/**
 * Scans `text` from the start, or from `from` (a state its prefix left), to its end or to `end`,
 * a `<` of it; throws `Malformed` at the first problem. Returns where it stands, which may be past
 * `end` when the construct before it runs on (the readers read the whole text): the caller checks.
 */
export function scan(text: string, maxDepth: number, maxElements: number, from: ScanState | undefined, end = text.length): ScanState {
  const n = end;
  const begin = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let i = from ? from.i : begin;
  let root = from?.root;
  const stack: ParsedElement[] = from ? from.stack : [];
  const qnames: string[] = from ? from.qnames : [];
  let count = from ? from.count : 0;
  const declared: DeclarationCount = from ? from.declared : { count: 0 };
  const tag = TAG;

  while (i < n) {
    // Markup usually follows markup: the search only where there is text.
    const lt = text.charCodeAt(i) === 60 ? i : text.indexOf('<', i);
    const top = stack.length > 0 ? stack[stack.length - 1] : undefined;
    // Character data up to the next markup.
    if (lt !== i) {
      const end = lt < 0 ? n : lt;
      if (top) top.text += charData(text, i, end);
      else if (!BLANK.test(text.slice(i, end))) throw new Malformed(root ? 'Text after the root element' : 'Text before the root element', i);
      if (lt < 0) {
        i = n;
        break;
      }
      i = lt;
    }
    const c1 = text.charCodeAt(i + 1);
    if (c1 === 33 /* ! */) {
      if (holdsAt(text, i, '<!--')) i = skipComment(text, i);
      else if (holdsAt(text, i, '<![CDATA[')) {
        if (!top) throw new Malformed('CDATA outside the root element', i);
        const end = text.indexOf(']]>', i + 9);
        if (end < 0) throw new Malformed('Unterminated CDATA section', i);
        top.text += cdata(text, i + 9, end);
        i = end + 3;
      } else if (holdsAt(text, i, '<!DOCTYPE')) {
        throw new Malformed('DOCTYPE is not allowed (no DTDs, no entity definitions)', i);
      } else throw new Malformed('Unexpected "<!"', i);
      continue;
    }
    if (c1 === 63 /* ? */) {
      i = skipInstruction(text, i, i === begin);
      continue;
    }
    if (c1 === 47 /* / */) {
      if (!top) throw new Malformed('End tag without a start tag', i);
      i = readEndTag(text, i, qnames[qnames.length - 1]);
      stack.pop();
      qnames.pop();
      continue;
    }
    // Start tag.
    if (root && !top) throw new Malformed('A second root element', i);
    const start = i;
    i = readStartTag(text, i, tag);
    const el = resolveElement(tag, top ? top.scope : XML_SCOPE, declared, start);
    if (++count > maxElements) throw new Malformed(said`More than ${maxElements} elements`, start);
    if (top) {
      // Leaves (most elements) share one empty list: a list of its own at an element's first child.
      if (top.children === NO_CHILDREN) top.children = [el];
      else top.children.push(el);
    } else root = el;
    if (stack.length >= maxDepth) throw new Malformed(said`Elements nested deeper than ${maxDepth} levels`, start);
    if (!tag.selfClosing) {
      stack.push(el);
      qnames.push(tag.qname);
    }
  }
  return { i, root, stack, qnames, count, declared };
}
