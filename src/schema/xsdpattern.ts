/**
 * An ECMAScript `pattern` (as a schema declares it, matched with the `u` flag and anchored at
 * both ends, see `describe.ts`) rewritten in XML Schema's regular-expression dialect, for an
 * `xs:pattern` facet. The dialects differ:
 *
 * - XSD patterns are always anchored and have no `^`/`$` assertions (both are plain
 *   characters there): anchors at the ends of the pattern or of a top-level alternative are
 *   dropped, anywhere else the pattern cannot be written;
 * - no `(?:…)` (plain groups only: nothing refers to a group), no named groups, lookarounds,
 *   back-references or `\b`;
 * - `\d`, `\w`, `\s` and `.` mean more (Unicode digits, most characters, XML white space, all
 *   but CR/LF), so they are spelt out as the ECMAScript classes;
 * - lazy quantifiers do not exist, and are not needed: a whole-string match is the same lazy
 *   or greedy;
 * - characters are written as themselves (`\u00e9` → `é`); those XML cannot carry at all
 *   (`\v`, `\f`, `\0`) make the pattern unwritable.
 *
 * Anything the translation does not know is refused (`undefined`): the facet is then left out
 * and only the codec, which always checks the ECMAScript pattern, enforces it.
 */

/** What `\d`, `\w` and `\s` match in ECMAScript, as class contents in XSD's dialect. */
const DIGIT = '0-9';
const WORD = 'a-zA-Z0-9_';
// ECMAScript's white space and line terminators, less \v and \f, which XML cannot carry.
const SPACE = ' \\t\\n\\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';
/** `.` without the `s` flag: anything but a line terminator. */
const DOT = '[^\\n\\r\u2028\u2029]';

/** Characters with a meaning in XSD patterns, outside and inside a class. */
const META = new Set(['\\', '.', '?', '*', '+', '{', '}', '(', ')', '[', ']', '|', '^', '-']);
/** The one-letter escapes XSD knows for control characters. */
const CONTROL: Record<number, string> = { 9: '\\t', 10: '\\n', 13: '\\r' };
/** General categories (`\p{Lu}`), the one spelling both dialects share. */
const CATEGORY = /^(?:L[ultmo]?|M[nce]?|N[dlo]?|P[cdseifo]?|Z[slp]?|S[mcko]?|C[cfon]?)$/;

class Unwritable extends Error {}

/** The XSD spelling of one code point, as a literal. */
function literal(cp: number): string {
  // Not XML characters (XML 1.0): no document can hold them, so no facet can name them.
  if (!(cp === 9 || cp === 10 || cp === 13 || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff))) {
    throw new Unwritable();
  }
  if (CONTROL[cp]) return CONTROL[cp];
  const c = String.fromCodePoint(cp);
  return META.has(c) ? `\\${c}` : c;
}

/** A reader over the ECMAScript pattern, code point by code point. */
class Reader {
  i = 0;
  constructor(readonly src: string) {}
  get done(): boolean {
    return this.i >= this.src.length;
  }
  peek(k = 0): string {
    return this.src[this.i + k] ?? '';
  }
  startsWith(s: string): boolean {
    return this.src.startsWith(s, this.i);
  }
  /** The next code point (a surrogate pair is one). */
  next(): number {
    const cp = this.src.codePointAt(this.i)!;
    this.i += cp > 0xffff ? 2 : 1;
    return cp;
  }
}

/** `\u{…}`, `\uXXXX` (pairs joined) or `\xHH` after the backslash and letter; the code point. */
function hexEscape(r: Reader, letter: string): number {
  if (letter === 'u' && r.peek() === '{') {
    const end = r.src.indexOf('}', r.i);
    if (end < 0) throw new Unwritable();
    const cp = Number.parseInt(r.src.slice(r.i + 1, end), 16);
    r.i = end + 1;
    return cp;
  }
  const n = letter === 'u' ? 4 : 2;
  const hex = r.src.slice(r.i, r.i + n);
  if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== n) throw new Unwritable();
  r.i += n;
  const cp = Number.parseInt(hex, 16);
  if (cp >= 0xd800 && cp <= 0xdbff && r.startsWith('\\u')) {
    const low = Number.parseInt(r.src.slice(r.i + 2, r.i + 6), 16);
    if (low >= 0xdc00 && low <= 0xdfff) {
      r.i += 6;
      return (cp - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
    }
  }
  return cp;
}

/**
 * An escape after its backslash: `{ text }` to write as it is, or `{ cp }` for one character
 * (a class range needs to know it is one). `inClass` changes what `\d` and friends become.
 */
function escapeAt(r: Reader, inClass: boolean): { text: string } | { cp: number } {
  const c = r.peek();
  r.i++;
  switch (c) {
    case 'd':
      return { text: inClass ? DIGIT : `[${DIGIT}]` };
    case 'w':
      return { text: inClass ? WORD : `[${WORD}]` };
    case 's':
      return { text: inClass ? SPACE : `[${SPACE}]` };
    case 'D':
    case 'W':
    case 'S':
      // A negated class inside a class would need XSD's subtraction; not worth it.
      if (inClass) throw new Unwritable();
      return { text: `[^${c === 'D' ? DIGIT : c === 'W' ? WORD : SPACE}]` };
    case 't':
      return { cp: 9 };
    case 'n':
      return { cp: 10 };
    case 'r':
      return { cp: 13 };
    case 'u':
    case 'x':
      return { cp: hexEscape(r, c) };
    case 'p':
    case 'P': {
      const end = r.src.indexOf('}', r.i);
      const name = r.peek() === '{' && end > 0 ? r.src.slice(r.i + 1, end) : '';
      if (!CATEGORY.test(name)) throw new Unwritable();
      r.i = end + 1;
      return { text: `\\${c}{${name}}` };
    }
    default:
      // Identity escapes of syntax characters (`\.`, `\/`, `\$`): the character itself.
      if (c !== '' && /[\^$\\.*+?()[\]{}|/-]/.test(c)) return { cp: c.codePointAt(0)! };
      // \b, \B, back-references, \c, \f, \v, \0, \k<name>: nothing XSD can say.
      throw new Unwritable();
  }
}

/** A character class after its `[`, through its `]`. */
function charClass(r: Reader): string {
  let out = '[';
  if (r.peek() === '^') {
    out += '^';
    r.i++;
  }
  if (r.peek() === ']') throw new Unwritable(); // `[]` / `[^]`: nothing, everything
  while (!r.done && r.peek() !== ']') {
    const first = classAtom(r);
    if (r.peek() === '-' && r.peek(1) !== ']' && r.peek(1) !== '') {
      r.i++;
      const last = classAtom(r);
      if (!('cp' in first) || !('cp' in last)) throw new Unwritable();
      out += `${literal(first.cp)}-${literal(last.cp)}`;
    } else out += 'cp' in first ? literal(first.cp) : first.text;
  }
  if (r.done) throw new Unwritable();
  r.i++;
  return `${out}]`;
}

function classAtom(r: Reader): { text: string } | { cp: number } {
  if (r.peek() === '\\') {
    r.i++;
    if (r.peek() === 'b') throw new Unwritable(); // backspace
    return escapeAt(r, true);
  }
  return { cp: r.next() };
}

/**
 * The XSD pattern of an ECMAScript pattern, or `undefined` when XSD cannot express it (the
 * codec still checks it).
 */
export function xsdPattern(source: string): string | undefined {
  try {
    new RegExp(source, 'u');
  } catch {
    return undefined;
  }
  try {
    return translate(source);
  } catch (e) {
    if (e instanceof Unwritable) return undefined;
    throw e;
  }
}

function translate(source: string): string {
  const r = new Reader(source);
  let out = '';
  let depth = 0;
  while (!r.done) {
    const c = r.peek();
    // `^` at the start of the pattern or of a top-level alternative; `$` at their end.
    if (c === '^') {
      const atStart = depth === 0 && (r.i === 0 || r.src[r.i - 1] === '|') && !out.endsWith('\\|');
      if (!atStart) throw new Unwritable();
      r.i++;
      continue;
    }
    if (c === '$') {
      const atEnd = depth === 0 && (r.i === source.length - 1 || r.peek(1) === '|');
      if (!atEnd) throw new Unwritable();
      r.i++;
      continue;
    }
    if (c === '\\') {
      r.i++;
      const e = escapeAt(r, false);
      out += 'cp' in e ? literal(e.cp) : e.text;
      continue;
    }
    if (c === '[') {
      r.i++;
      out += charClass(r);
      continue;
    }
    if (c === '(') {
      r.i++;
      if (r.peek() === '?') {
        if (r.peek(1) !== ':') throw new Unwritable(); // lookarounds, named groups
        r.i += 2;
      }
      depth++;
      out += '(';
      continue;
    }
    if (c === ')') {
      r.i++;
      depth--;
      out += ')';
      continue;
    }
    if (c === '.') {
      r.i++;
      out += DOT;
      continue;
    }
    if (c === '*' || c === '+' || c === '?' || c === '{') {
      // A quantifier (the `u` flag makes a lone `{` a syntax error, refused above).
      let q = c;
      r.i++;
      if (c === '{') {
        const end = source.indexOf('}', r.i);
        q += source.slice(r.i, end + 1);
        r.i = end + 1;
      }
      // Lazy or greedy, a whole-string match is the same: XSD has greedy only.
      if (r.peek() === '?') r.i++;
      out += q;
      continue;
    }
    if (c === '|') {
      r.i++;
      out += '|';
      continue;
    }
    out += literal(r.next());
  }
  return out;
}
