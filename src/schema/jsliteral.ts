/** Text pasted into generated code (`jsongen.ts`, `xmlgen.ts`) as a string literal. */

/** A JavaScript string literal of any text: JSON's, with the two line separators escaped too. */
export function jsLiteral(text: string): string {
  return JSON.stringify(text)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
