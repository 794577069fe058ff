/**
 * The EDL scanner: text → tokens, in one pass, never throwing. Keywords are plain identifiers
 * (EDL's keywords are contextual: `view`, `domain`, `status` are names too); comments are
 * skipped; an unterminated string ends at its line's end and is reported at its start.
 */
import type { Diagnostics } from './diagnostics.ts';

export enum Tok {
  EOF = 0,
  Ident = 1,
  String = 2,
  Int = 3,
  Float = 4,
  Punct = 5,
}

export interface Token {
  readonly kind: Tok;
  /** Identifier or punctuation text, a number's spelling, a string's value. */
  readonly text: string;
  readonly pos: number;
  readonly end: number;
  /** Whitespace or a comment separates it from the token before. */
  readonly spaced: boolean;
}

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** Punctuation characters, by code: a table, so the scanner's commonest test allocates nothing. */
const PUNCT = new Uint8Array(128);
for (const ch of '{}()[],.=|:;<>*+-/!&?@#') PUNCT[ch.charCodeAt(0)] = 1;

function isIdStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}
function isIdPart(c: number): boolean {
  return isIdStart(c) || (c >= 48 && c <= 57);
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Scans the whole text; errors go to `diags`. */
export function scan(text: string, diags: Diagnostics): Token[] {
  const out: Token[] = [];
  const n = text.length;
  let i = 0;
  let spaced = true;
  const push = (kind: Tok, value: string, pos: number) => {
    out.push({ kind, text: value, pos, end: i, spaced });
    spaced = false;
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff) {
      i++;
      spaced = true;
      continue;
    }
    const start = i;
    if (c === 47 && text.charCodeAt(i + 1) === 47) {
      while (i < n && text.charCodeAt(i) !== 10) i++;
      spaced = true;
      continue;
    }
    if (c === 47 && text.charCodeAt(i + 1) === 42) {
      const close = text.indexOf('*/', i + 2);
      if (close < 0) {
        diags.error('EDL002', { pos: start, end: start + 2 });
        i = n;
      } else i = close + 2;
      spaced = true;
      continue;
    }
    if (isIdStart(c)) {
      while (i < n && isIdPart(text.charCodeAt(i))) i++;
      // `to-one` / `to-many` are single words in view relationship rules.
      if (i - start === 2 && text.charCodeAt(i) === 45 && text.startsWith('to', start) && /^-(one|many)\b/.test(text.slice(i, i + 6)))
        i += text.charCodeAt(i + 1) === 111 ? 4 : 5;
      push(Tok.Ident, text.slice(start, i), start);
      continue;
    }
    if (c === 39) {
      // A quoted identifier: 'any name'.
      const close = text.indexOf("'", i + 1);
      const eol = text.indexOf('\n', i + 1);
      if (close < 0 || (eol >= 0 && eol < close)) {
        diags.error('EDL001', { pos: start, end: start + 1 });
        i = eol < 0 ? n : eol;
        push(Tok.Ident, text.slice(start + 1, i), start);
      } else {
        i = close + 1;
        push(Tok.Ident, text.slice(start + 1, close), start);
      }
      continue;
    }
    if (isDigit(c) || (c === 45 && isDigit(text.charCodeAt(i + 1)))) {
      i++;
      while (i < n && isDigit(text.charCodeAt(i))) i++;
      let kind = Tok.Int;
      while (text.charCodeAt(i) === 46 && isDigit(text.charCodeAt(i + 1))) {
        kind = Tok.Float;
        i++;
        while (i < n && isDigit(text.charCodeAt(i))) i++;
      }
      push(kind, text.slice(start, i), start);
      continue;
    }
    if (c === 34) {
      i++;
      let value = '';
      let closed = false;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 34) {
          i++;
          closed = true;
          break;
        }
        if (d === 10 || d === 13) break;
        if (d === 92 && i + 1 < n) {
          const e = text[i + 1];
          if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
            value += String.fromCharCode(Number.parseInt(text.slice(i + 2, i + 6), 16));
            i += 6;
            continue;
          }
          value += ESCAPES[e] ?? e;
          i += 2;
          continue;
        }
        // A run of plain characters is sliced at once, not appended one by one.
        const from = i;
        i++;
        while (i < n) {
          const e = text.charCodeAt(i);
          if (e === 34 || e === 92 || e === 10 || e === 13) break;
          i++;
        }
        value += text.slice(from, i);
      }
      if (!closed) diags.error('EDL001', { pos: start, end: start + 1 });
      push(Tok.String, value, start);
      continue;
    }
    if (c < 128 && PUNCT[c] === 1) {
      i++;
      push(Tok.Punct, text[start], start);
      continue;
    }
    // Anything else (a stray `$`, a non-ASCII letter): reported, then skipped.
    const cp = text.codePointAt(i) ?? c;
    i += cp > 0xffff ? 2 : 1;
    diags.error('EDL003', { pos: start, end: i }, { text: JSON.stringify(text.slice(start, i)) });
    spaced = true;
  }
  out.push({ kind: Tok.EOF, text: '', pos: n, end: n, spaced: true });
  return out;
}
