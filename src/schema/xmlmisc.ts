/**
 * Comments and processing instructions, which may stand anywhere: checked as XML requires
 * (no `--` inside a comment, a Name for a target, `xml` only as the declaration) and skipped.
 */
import { checkCharsIn, isSpace } from './xmlchars.ts';
import { checkXmlDecl } from './xmldecl.ts';
import { Malformed, said } from './xmlmalformed.ts';
import { isName } from './xmlnames.ts';

/** Skips the comment at `i` (`<!--`); returns the offset after it. */
export function skipComment(text: string, i: number): number {
  // The first `--` after the opening must be the `-->` that closes it (so `--->` is refused too).
  const dashes = text.indexOf('--', i + 4);
  if (dashes < 0 || dashes + 2 >= text.length) throw new Malformed('Unterminated comment', i);
  if (text.charCodeAt(dashes + 2) !== 62)
    throw new Malformed('"--" inside a comment (a comment ends at its first "--", which must be followed by ">")', dashes);
  checkCharsIn(text, i + 4, dashes);
  return dashes + 3;
}

/**
 * Skips the processing instruction at `i` (`<?`); returns the offset after it. `first` says
 * whether it starts the document, the one place the XML declaration may stand.
 */
export function skipInstruction(text: string, i: number, first: boolean): number {
  const n = text.length;
  let j = i + 2;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (isSpace(c) || (c === 63 && text.charCodeAt(j + 1) === 62)) break;
    j++;
  }
  const target = text.slice(i + 2, j);
  const end = text.indexOf('?>', j);
  if (end < 0) throw new Malformed('Unterminated processing instruction', i);
  if (target === 'xml') {
    if (!first) throw new Malformed('XML declaration not at the start of the document', i);
    checkXmlDecl(text, j, end);
    return end + 2;
  }
  if (target === '') throw new Malformed('Expected a processing instruction target after "<?"', i);
  if (target.toLowerCase() === 'xml') throw new Malformed(said`The processing instruction target ${target} is reserved`, i);
  if (!isName(target)) throw new Malformed(said`Invalid processing instruction target "${target}"`, i);
  if (target.includes(':')) throw new Malformed(said`A processing instruction target has no colon (${target})`, i);
  checkCharsIn(text, j, end);
  return end + 2;
}
