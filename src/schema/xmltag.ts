/**
 * Tags as written: a start tag's name and raw attributes (quoted, normalised, entities decoded,
 * duplicates refused by name as written) and an end tag matching its start tag. Namespaces are
 * resolved afterwards (`xmlnamespaces.ts`).
 */
import { attrValue, isSpace } from './xmlchars.ts';
import { Malformed, said } from './xmlmalformed.ts';
import { isQNameAt } from './xmlnames.ts';

// A fixed bound that keeps the duplicate-attribute check cheap: real documents stay far below it.
const MAX_ATTRIBUTES = 256;

/** The start tag last read, reused from tag to tag (resetting array lengths is slow). */
export class RawTag {
  qname = '';
  selfClosing = false;
  /** Raw attributes: name, value and offset; the first `count` belong to this tag. */
  readonly names: string[] = [];
  readonly values: string[] = [];
  readonly at: number[] = [];
  count = 0;
}

/** Reads the start tag at `i` (its `<`) into `tag`; returns the offset after its `>`. */
export function readStartTag(text: string, i: number, tag: RawTag): number {
  const n = text.length;
  let j = i + 1;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (isSpace(c) || c === 62 || c === 47) break;
    j++;
  }
  const qname = text.slice(i + 1, j);
  if (!isQNameAt(text, i + 1, j)) throw new Malformed(qname ? said`Invalid element name "${qname}"` : 'Expected an element name after "<"', i);
  tag.qname = qname;
  tag.selfClosing = false;
  let na = 0;
  for (;;) {
    const k = j;
    while (j < n && isSpace(text.charCodeAt(j))) j++;
    if (j >= n) throw new Malformed(said`Unterminated start tag <${qname}>`, i);
    const c = text.charCodeAt(j);
    if (c === 62) {
      j++;
      break;
    }
    if (c === 47) {
      if (text.charCodeAt(j + 1) !== 62) throw new Malformed('Expected ">" after "/"', j);
      tag.selfClosing = true;
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
    if (!isQNameAt(text, nameStart, j)) throw new Malformed(aname ? said`Invalid attribute name "${aname}"` : 'Expected an attribute name', nameStart);
    while (j < n && isSpace(text.charCodeAt(j))) j++;
    if (text.charCodeAt(j) !== 61) throw new Malformed(said`Expected "=" after attribute ${aname}`, j);
    j++;
    while (j < n && isSpace(text.charCodeAt(j))) j++;
    const q = text.charCodeAt(j);
    if (q !== 34 && q !== 39) throw new Malformed(said`Expected a quoted value for attribute ${aname}`, j);
    const close = text.indexOf(q === 34 ? '"' : "'", j + 1);
    if (close < 0) throw new Malformed(said`Unterminated value of attribute ${aname}`, j);
    for (let a = 0; a < na; a++) {
      if (tag.names[a] === aname) throw new Malformed(said`Duplicate attribute ${aname}`, nameStart);
    }
    if (na >= MAX_ATTRIBUTES) throw new Malformed(said`More than ${MAX_ATTRIBUTES} attributes on <${qname}>`, nameStart);
    tag.names[na] = aname;
    tag.values[na] = attrValue(text.slice(j + 1, close), j);
    tag.at[na] = nameStart;
    na++;
    j = close + 1;
  }
  tag.count = na;
  return j;
}

/** Reads the end tag at `i` (its `</`), which must close `open`; returns the offset after its `>`. */
export function readEndTag(text: string, i: number, open: string): number {
  const n = text.length;
  let k = i + 2 + open.length;
  const same = text.startsWith(open, i + 2);
  if (same) while (k < n && isSpace(text.charCodeAt(k))) k++;
  if (!same || text.charCodeAt(k) !== 62) {
    const gt = text.indexOf('>', i + 2);
    if (gt < 0) throw new Malformed('Unterminated end tag', i);
    throw new Malformed(said`End tag </${text.slice(i + 2, gt).trimEnd()}> does not match <${open}>`, i);
  }
  return k + 1;
}
