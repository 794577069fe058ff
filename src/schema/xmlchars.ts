/**
 * Characters and character data: what XML 1.0 allows at all, references (`&lt;`, `&#10;`)
 * decoded, line ends and attribute white space normalised as the spec requires.
 */
import { Malformed, said } from './xmlmalformed.ts';

// Characters XML 1.0 does not allow anywhere in a document.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML 1.0 forbids
const BAD_CHAR = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/;
const ENTITY = /&(?:(lt|gt|amp|quot|apos)|#([0-9]+)|#x([0-9a-fA-F]+));|&/g;

/** Refuses a document holding a character XML 1.0 does not allow. */
export function checkChars(text: string): void {
  const bad = BAD_CHAR.exec(text);
  if (bad) throw new Malformed(said`Character U+${bad[0].charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()} is not allowed in XML`, bad.index);
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

/** Character data at offset `at`: `]]>` refused (it ends only a CDATA section), entities decoded, line ends normalised. */
export function charData(raw: string, at: number): string {
  const cdataEnd = raw.indexOf(']]>');
  if (cdataEnd >= 0) throw new Malformed('"]]>" in character data (write ]]&gt;)', at + cdataEnd);
  if (raw.indexOf('\r') >= 0) raw = raw.replace(/\r\n?/g, '\n');
  return decode(raw, at);
}

/** Attribute values: line ends and whitespace become spaces before entities are decoded. */
export function attrValue(raw: string, at: number): string {
  if (raw.indexOf('<') >= 0) throw new Malformed('"<" in an attribute value', at);
  if (/[\t\n\r]/.test(raw)) raw = raw.replace(/\r\n|[\t\n\r]/g, ' ');
  return decode(raw, at);
}
