/**
 * Parsing JSON request text. `JSON.parse` rounds integers beyond 2^53; when a function has an
 * int64 argument the parser first quotes long integer literals (outside strings) so the int64
 * decoder receives their exact digits.
 */
import { sbError } from '../errors/index.ts';

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
