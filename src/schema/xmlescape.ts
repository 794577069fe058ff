/** Writing XML text: character data and attribute values escaped, what XML cannot carry replaced. */

// One test for the common case of nothing to do: specials, control characters, surrogates.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML 1.0 forbids
const TEXT_ANY = /[&<>\r\x00-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML 1.0 forbids
const ATTR_ANY = /[&<>"\t\n\r\x00-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/;
// Characters XML 1.0 cannot carry at all, even as references; replaced by U+FFFD.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML 1.0 forbids
const UNREPRESENTABLE = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function replaceSpecial(c: string): string {
  switch (c) {
    case '&':
      return '&amp;';
    case '<':
      return '&lt;';
    case '>':
      return '&gt;';
    case '"':
      return '&quot;';
    case '\t':
      return '&#9;';
    case '\n':
      return '&#10;';
    default:
      return '&#13;';
  }
}

function representable(s: string): string {
  UNREPRESENTABLE.lastIndex = 0;
  return UNREPRESENTABLE.test(s) ? s.replace(UNREPRESENTABLE, '\uFFFD') : s;
}

/**
 * Escapes character data for element content: `&`, `<`, `>` and CR (kept as `&#13;` so it
 * survives line-end normalisation). Characters XML 1.0 cannot represent become U+FFFD.
 */
export function escapeXmlText(s: string): string {
  if (!TEXT_ANY.test(s)) return s;
  return representable(s).replace(/[&<>\r]/g, replaceSpecial);
}

/** Escapes a double-quoted attribute value (also tab, LF and CR, which would otherwise be normalised). */
export function escapeXmlAttr(s: string): string {
  if (!ATTR_ANY.test(s)) return s;
  return representable(s).replace(/[&<>"\t\n\r]/g, replaceSpecial);
}
