/**
 * Characters and character data: what XML 1.0 allows at all, references (`&lt;`, `&#10;`)
 * decoded, line ends and attribute white space normalised as the spec requires.
 *
 * The parser checks characters slice by slice, inside the one pass that finds each slice's end
 * (text, attribute values, comments, instructions, CDATA): every other character of a document
 * is markup or a name, whose readers accept no forbidden character. Measured: a separate
 * whole-document pass and per-slice regular expressions cost more than the rest of the scan.
 */
import { Malformed, said } from './xmlmalformed.ts';

// Characters XML 1.0 does not allow anywhere in a document.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML 1.0 forbids
const BAD_CHAR = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/;
// What sends a slice down the careful path (measured: a regular expression's native scan is
// several times a character loop in JavaScript).
// biome-ignore lint/suspicious/noControlCharactersInRegex: forbidden characters and CR, among others
const TEXT_SPECIAL = /[\x00-\x08\x0B\x0C\x0D\x0E-\x1F&\]\uFFFE\uFFFF]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: forbidden characters and white space other than the space
const ATTR_SPECIAL = /[\x00-\x1F&<\uFFFE\uFFFF]/;
const ENTITY = /&(?:(lt|gt|amp|quot|apos)|#([0-9]+)|#x([0-9a-fA-F]+));|&/g;

function badChar(c: number, at: number): Malformed {
  return new Malformed(said`Character U+${c.toString(16).padStart(4, '0').toUpperCase()} is not allowed in XML`, at);
}

/**
 * Refuses a document holding a character XML 1.0 does not allow. The parser runs it over the
 * whole text only once something is wrong, so a forbidden character is what is reported first,
 * wherever it stands.
 */
export function checkChars(text: string): void {
  const bad = BAD_CHAR.exec(text);
  if (bad) throw badChar(bad[0].charCodeAt(0), bad.index);
}

/** Refuses a forbidden character in `text[start, end)` (comments, instructions: no other check). */
export function checkCharsIn(text: string, start: number, end: number): void {
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c < 0x20 ? c !== 9 && c !== 10 && c !== 13 : c >= 0xfffe && c <= 0xffff) throw badChar(c, k);
  }
}

/**
 * True when `text` holds `s` at `at`. Measured: `startsWith` with a position costs several times
 * this loop on the short strings markup compares.
 */
export function holdsAt(text: string, at: number, s: string): boolean {
  const m = s.length;
  if (at + m > text.length) return false;
  for (let k = 0; k < m; k++) if (text.charCodeAt(at + k) !== s.charCodeAt(k)) return false;
  return true;
}

/** XML white space: space, tab, LF, CR. */
export function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

function named(name: string): string {
  switch (name) {
    case 'lt':
      return '<';
    case 'gt':
      return '>';
    case 'amp':
      return '&';
    case 'quot':
      return '"';
    default:
      return "'";
  }
}

/** True for a code point XML 1.0 allows (`Char`). */
function isXmlChar(cp: number): boolean {
  return cp === 9 || cp === 10 || cp === 13 || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

/** Decodes the five predefined entities and character references; any other `&` is refused. */
function decode(raw: string, at: number): string {
  if (raw.indexOf('&') < 0) return raw;
  return raw.replace(ENTITY, (m: string, name: string | undefined, dec: string | undefined, hex: string | undefined, offset: number) => {
    if (name) return named(name);
    const cp = dec !== undefined ? Number.parseInt(dec, 10) : hex !== undefined ? Number.parseInt(hex, 16) : -1;
    if (cp < 0) {
      const ref = /^&[^\s&<;]{1,32};/.exec(raw.slice(offset, offset + 40));
      throw new Malformed(ref ? said`Undefined entity ${ref[0]} (only the five XML entities exist; there is no DTD)` : 'Bare "&" (write &amp;)', at + offset);
    }
    if (isXmlChar(cp)) return String.fromCodePoint(cp);
    throw new Malformed(said`Character reference ${m} is not an XML character`, at + offset);
  });
}

/**
 * The character data `text[start, end)` (up to the next `<`): forbidden characters and `]]>`
 * refused (it ends only a CDATA section), entities decoded, line ends normalised.
 */
export function charData(text: string, start: number, end: number): string {
  const raw = text.slice(start, end);
  // Most text has no reference, no CR and no `]`: then it is the slice as it stands.
  if (!TEXT_SPECIAL.test(raw)) return raw;
  const bad = BAD_CHAR.exec(raw);
  if (bad) throw badChar(bad[0].charCodeAt(0), start + bad.index);
  const cdataEnd = raw.indexOf(']]>');
  if (cdataEnd >= 0) throw new Malformed('"]]>" in character data (write ]]&gt;)', start + cdataEnd);
  return decode(raw.indexOf('\r') >= 0 ? raw.replace(/\r\n?/g, '\n') : raw, start);
}

/** CDATA content `text[start, end)`: forbidden characters refused, line ends normalised. */
export function cdata(text: string, start: number, end: number): string {
  checkCharsIn(text, start, end);
  const raw = text.slice(start, end);
  return raw.indexOf('\r') >= 0 ? raw.replace(/\r\n?/g, '\n') : raw;
}

/**
 * The attribute value `text[start, end)` (inside its quotes): `<` and forbidden characters
 * refused; line ends and white space become spaces before entities are decoded.
 */
export function attrValue(text: string, start: number, end: number): string {
  const raw = text.slice(start, end);
  if (!ATTR_SPECIAL.test(raw)) return raw;
  const bad = BAD_CHAR.exec(raw);
  if (bad) throw badChar(bad[0].charCodeAt(0), start + bad.index);
  if (raw.indexOf('<') >= 0) throw new Malformed('"<" in an attribute value', start - 1);
  return decode(/[\t\n\r]/.test(raw) ? raw.replace(/\r\n|[\t\n\r]/g, ' ') : raw, start - 1);
}
