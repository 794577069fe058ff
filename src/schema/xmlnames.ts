/** XML names: the NCNames and QNames of Namespaces in XML 1.0 over XML 1.0 (5th ed.) characters. */

const NC_START =
  'A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}';
const NC_CHAR = `${NC_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F\\u2040`;
/** A QName: an optional NCName prefix and colon, then an NCName. */
export const QNAME = new RegExp(`^(?:[${NC_START}][${NC_CHAR}]*:)?[${NC_START}][${NC_CHAR}]*$`, 'u');
const NCNAME = new RegExp(`^[${NC_START}][${NC_CHAR}]*$`, 'u');
/** An XML 1.0 Name (colons anywhere), as a processing instruction's target is. */
const NAME = new RegExp(`^[:${NC_START}][:${NC_CHAR}]*$`, 'u');

/** True for an XML NCName (a valid local name or prefix). */
export function isNcName(name: string): boolean {
  return NCNAME.test(name);
}

/** True for an XML Name (which may hold colons, unlike an NCName). */
export function isName(name: string): boolean {
  return NAME.test(name);
}

/** True when `text[start, end)` is a QName: a quick pass over ASCII, the full pattern otherwise. */
export function isQNameAt(text: string, start: number, end: number): boolean {
  if (end <= start) return false;
  let colon = -1;
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95) continue;
    if ((c >= 48 && c <= 57) || c === 45 || c === 46) {
      if (k === start || k === colon + 1) return false;
      continue;
    }
    if (c === 58) {
      if (colon >= 0 || k === start || k === end - 1) return false;
      colon = k;
      continue;
    }
    if (c > 127) return QNAME.test(text.slice(start, end));
    return false;
  }
  return true;
}
