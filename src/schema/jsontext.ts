/**
 * Parsing JSON request text. `JSON.parse` rounds integers beyond 2^53; when a function has an
 * int64 argument the parser first quotes long integer literals (outside strings) so the int64
 * decoder receives their exact digits.
 */
import { echo } from '../errors/echo.ts';
import { SwitchboardError, sbError } from '../errors/index.ts';

// A string literal (skipped whole) or a bare integer of 16+ digits that is not part of a
// fraction or exponent (the lookbehind) and has none (the lookahead).
const LONG_INT = /"(?:[^"\\]|\\.)*"|(?<![\d.eE+-])(-?\d{16,})(?![.eE\d])/g;

/** Parses request JSON; a malformed text is the WSME client fault. */
export function parseJson(text: string, keepBigIntegers = false): unknown {
  try {
    return JSON.parse(keepBigIntegers ? text.replace(LONG_INT, (m, digits: string | undefined) => (digits ? `"${digits}"` : m)) : text);
  } catch {
    throw sbError('SB_INVALID_JSON');
  }
}

// A string literal (skipped whole) or a number literal.
const NUMBER = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;
const OVERFLOWED = /Value: '(-?)Infinity'/g;

/**
 * `JSON.parse` reads a number beyond a double's range (`1e400`) as Infinity, and a fault would
 * name that, not what was sent. On the failure path only, a fault about such a value is given
 * back the literals of `text` it came from, in order, so the caller sees `Value: '1e400'`.
 */
export function numbersAsSent(err: unknown, text: string): unknown {
  if (!(err instanceof SwitchboardError) || !err.message.includes("Infinity'")) return err;
  const literals: string[] = [];
  for (const m of text.matchAll(NUMBER)) if (m[0].charCodeAt(0) !== 34 && !Number.isFinite(Number(m[0]))) literals.push(m[0]);
  if (literals.length === 0) return err;
  const named = (message: string) => {
    let k = 0;
    return message.replace(OVERFLOWED, (whole, minus: string) => {
      const i = literals.findIndex((l, j) => j >= k && l.startsWith('-') === (minus === '-'));
      if (i < 0) return whole;
      k = i + 1;
      return `Value: '${echo(literals[i])}'`;
    });
  };
  err.message = named(err.message);
  if (err.fields) err.fields = err.fields.map((f) => ({ path: f.path, message: named(f.message) }));
  return err;
}
