/** The XML declaration (`<?xml version="1.0" encoding="UTF-8"?>`): its syntax and what it names. */
import { Malformed } from './xmlmalformed.ts';

// What follows `<?xml` up to `?>`: version, then optionally encoding and standalone, in that order.
const DECL =
  /^[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(?:"1\.[0-9]+"|'1\.[0-9]+')(?:[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(?:"[A-Za-z][A-Za-z0-9._-]*"|'[A-Za-z][A-Za-z0-9._-]*'))?(?:[ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(?:"(?:yes|no)"|'(?:yes|no)'))?[ \t\r\n]*$/;

// The declarations nearly every client writes, known good without the pattern.
const COMMON = [
  ' version="1.0"',
  ' version="1.0" encoding="UTF-8"',
  ' version="1.0" encoding="utf-8"',
  " version='1.0' encoding='utf-8'",
  ' version="1.0" encoding="UTF-8" ',
  ' version="1.0" ',
];

/**
 * Refuses an XML declaration whose pseudo-attributes (`text[start, end)`, between `<?xml` and
 * `?>`) are malformed. The common ones are compared in place (measured: slicing the text to
 * look it up, or comparing it character by character, cost more).
 */
export function checkXmlDecl(text: string, start: number, end: number): void {
  const length = end - start;
  for (const common of COMMON) if (common.length === length && text.startsWith(common, start)) return;
  if (!DECL.test(text.slice(start, end)))
    throw new Malformed('Malformed XML declaration (version="1.x", then optionally encoding and standalone="yes|no", in that order)', start);
}

const DECLARED_ENCODING = /^\uFEFF?<\?xml\s[^?]*?\bencoding\s*=\s*["']([A-Za-z][A-Za-z0-9._-]*)["']/;

/**
 * The `encoding` named by the document's XML declaration, lower-cased, or undefined. Callers
 * that decoded the bytes as UTF-8 use it to refuse documents that say they are something else.
 */
export function declaredEncoding(text: string): string | undefined {
  return DECLARED_ENCODING.exec(text)?.[1].toLowerCase();
}
