/** JSON for requests: a bigint (an int64 argument) is written as its digits, which the server reads exactly. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}

/** An integer literal longer than any safe integer's digits may be (15): checked exactly after. */
const LONG_INTEGER = /-?\d{16,}(?![.eE\d])/y;

/**
 * JSON text, or undefined when it is not JSON. Integer literals beyond 2^53 (an int64 sent as a
 * number) come back as their digits, a string, never rounded: `int64.ts` makes them bigints
 * where the function's schema says int64.
 */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(quoteLongIntegers(text));
  } catch {
    return undefined;
  }
}

/** The text with each integer literal outside strings that a double cannot hold exactly put in quotes. */
function quoteLongIntegers(text: string): string {
  if (!/\d{16}/.test(text)) return text;
  let out = '';
  let last = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // a backslash: skip the escaped character
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) {
      inString = true;
      continue;
    }
    if (c === 45 || (c >= 48 && c <= 57)) {
      LONG_INTEGER.lastIndex = i;
      const m = LONG_INTEGER.exec(text);
      if (m && !Number.isSafeInteger(Number(m[0]))) {
        out += `${text.slice(last, i)}"${m[0]}"`;
        last = i + m[0].length;
        i = last - 1;
        continue;
      }
      // Skip the rest of this number literal.
      while (i + 1 < text.length && /[\d.eE+-]/.test(text[i + 1]!)) i++;
    }
  }
  return last === 0 ? text : out + text.slice(last);
}
