/**
 * Interned strings: the one copy of a text V8 keeps for property names and literals. Two
 * interned strings are equal only when they are the same string, so `===` between them is a
 * pointer comparison; between a sliced string and a literal, it compares every character
 * (measured: comparing a remembered envelope's namespace names with the SOAP namespaces and
 * the types namespace this way was ~6% of a SOAP call). V8 interns a string used as a
 * property name, and `Object.keys` gives that copy back.
 */

/** The interned copy of `s` (equal to it; the same string as every literal with its text). */
export function intern(s: string): string {
  return s === '' ? s : Object.keys({ [s]: 0 })[0]!;
}
