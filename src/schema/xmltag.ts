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
  let j = asciiQNameEnd(text, i + 1, false);
  if (j < 0) {
    j = i + 1;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (isSpace(c) || c === 62 || c === 47) break;
      j++;
    }
    if (!isQNameAt(text, i + 1, j)) {
      const qname = text.slice(i + 1, j);
      throw new Malformed(qname ? said`Invalid element name "${qname}"` : 'Expected an element name after "<"', i);
    }
  }
  const qname = text.slice(i + 1, j);
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
    j = asciiQNameEnd(text, nameStart, true);
    if (j < 0) {
      j = nameStart;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === 61 || isSpace(d) || d === 62 || d === 47) break;
        j++;
      }
      if (!isQNameAt(text, nameStart, j)) {
        const aname = text.slice(nameStart, j);
        throw new Malformed(aname ? said`Invalid attribute name "${aname}"` : 'Expected an attribute name', nameStart);
      }
    }
    const aname = text.slice(nameStart, j);
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
    tag.values[na] = attrValue(text, j + 1, close);
    tag.at[na] = nameStart;
    na++;
    j = close + 1;
  }
  tag.count = na;
  return j;
}

/**
 * Where the ASCII QName at `start` ends, at white space, `>`, `/` (or `=` for an attribute); -1
 * for anything else (an empty or invalid name, or one with other characters), which the caller
 * then reads and reports the general way. One pass finds the end and checks the name.
 */
function asciiQNameEnd(text: string, start: number, attribute: boolean): number {
  const n = text.length;
  let colon = start - 1;
  let k = start;
  for (; k < n; k++) {
    const c = text.charCodeAt(k);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95) continue;
    if ((c >= 48 && c <= 57) || c === 45 || c === 46) {
      // Not the first character of the name or of its local part.
      if (k === colon + 1) return -1;
      continue;
    }
    if (c === 58) {
      if (colon >= start || k === start) return -1;
      colon = k;
      continue;
    }
    break;
  }
  if (k === start || k === colon + 1 || k >= n) return -1;
  const c = text.charCodeAt(k);
  return isSpace(c) || c === 62 || c === 47 || (attribute && c === 61) ? k : -1;
}

/** Reads the end tag at `i` (its `</`), which must close `open`; returns the offset after its `>`. */
export function readEndTag(text: string, i: number, open: string): number {
  const n = text.length;
  let k = i + 2 + open.length;
  const same = text.slice(i + 2, k) === open;
  if (same) while (k < n && isSpace(text.charCodeAt(k))) k++;
  if (!same || text.charCodeAt(k) !== 62) {
    const gt = text.indexOf('>', i + 2);
    if (gt < 0) throw new Malformed('Unterminated end tag', i);
    throw new Malformed(said`End tag </${text.slice(i + 2, gt).trimEnd()}> does not match <${open}>`, i);
  }
  return k + 1;
}
