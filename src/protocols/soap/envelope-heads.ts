/**
 * The openings of envelopes a SOAP endpoint keeps receiving: a client sends the same XML
 * declaration, Envelope, Body and operation start tag with every call, so its opening is read
 * once and later envelopes that start with it are parsed from where it ends (`XmlPrefix`:
 * the same tree, the same errors, as a whole parse).
 */
import { type XmlElement, XmlPrefix, parseXml } from '../../schema/xmltext.ts';

/** Openings remembered; emptied when full, so varied clients cannot grow it. */
const MAX_HEADS = 16;
/** Longer openings are not remembered (a client that sends one varies it, most likely). */
const MAX_HEAD_LENGTH = 2048;

export class EnvelopeHeads {
  private heads: XmlPrefix[] = [];
  /** The opening of the last envelope no head matched: remembered once it comes again. */
  private candidate = '';

  /** How many openings are remembered. */
  get size(): number {
    return this.heads.length;
  }

  /** Parses an envelope as `parseXml` does; throws as it does. */
  parse(text: string): XmlElement {
    const heads = this.heads;
    for (let k = 0; k < heads.length; k++) {
      const head = heads[k]!;
      // Measured: a slice and `===` is a third of `startsWith` for an opening's length.
      const opening = head.text;
      if (text.length > opening.length && text.slice(0, opening.length) === opening) return head.parse(text);
    }
    const root = parseXml(text);
    this.learn(text, root);
    return root;
  }

  /**
   * The opening of a parsed envelope: up to its operation's first child (or the operation,
   * when it has none), following first children from the root.
   */
  private learn(text: string, root: XmlElement): void {
    const body = root.children[0];
    const operation = body?.children[0];
    if (!operation) return;
    const end = operation.children[0]?.pos ?? operation.pos;
    if (end > MAX_HEAD_LENGTH) return;
    const opening = text.slice(0, end);
    if (opening !== this.candidate) {
      this.candidate = opening;
      return;
    }
    this.candidate = '';
    // A copy of its own: a slice would keep the whole envelope it was cut from alive.
    const head = XmlPrefix.read(` ${opening}`.slice(1));
    if (!head) return;
    if (this.heads.length >= MAX_HEADS) this.heads = [];
    this.heads.push(head);
  }
}
