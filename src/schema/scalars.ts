/**
 * Checks and conversions of scalar values shared by every codec: what makes a valid date,
 * time, datetime, decimal or base64 string, and the bound checks of numbers and strings.
 */
import type { TSchema } from '@sinclair/typebox';
import { ECHO_LIMIT, echo } from '../errors/echo.ts';
import { sbError, type SwitchboardError } from '../errors/index.ts';

/** The WSME "Invalid input for field/attribute" client error. */
export function invalid(path: string, value: unknown, reason: string): SwitchboardError {
  return sbError('SB_INVALID_INPUT', { name: path, value: display(value), reason });
}

/** WSME's UnknownAttribute error: one or several attributes the complex type lacks. */
export function unknownAttributes(path: string, names: readonly string[]): SwitchboardError {
  return sbError(names.length > 1 ? 'SB_UNKNOWN_ATTRIBUTES' : 'SB_UNKNOWN_ATTRIBUTE', { name: path, attributes: names.map((n) => echo(n)).join(', ') });
}

function display(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'bigint') text = value.toString();
  // Infinity and NaN, which JSON.stringify would write as null (see `numbersAsSent`).
  else if (typeof value === 'number') text = String(value);
  else if (value instanceof Uint8Array) text = `<${value.length} bytes>`;
  else {
    try {
      text = preview(value);
    } catch {
      // Too deep to print (e.g. 10,000 nested arrays), or cyclic: say what it is.
      text = Array.isArray(value) ? '[…]' : typeof value === 'object' ? '{…}' : String(value);
    }
  }
  return echo(text);
}

/** Deeper than this, a value is shown as `[…]` or `{…}` whole. */
const PREVIEW_DEPTH = 64;
const TOO_DEEP = new Error('too deep to preview');

/**
 * The value as `JSON.stringify` writes it, but only its first characters: a fault shows
 * {@link ECHO_LIMIT} of them, and a megabyte-long or 20,000-deep value costs no more than a
 * small one (stringifying it whole would, and then overflow the stack).
 */
function preview(value: unknown): string {
  let out = '';
  const seen: unknown[] = [];
  const write = (x: unknown): void => {
    if (out.length > ECHO_LIMIT) return;
    if (typeof x === 'string') out += JSON.stringify(x.length > ECHO_LIMIT ? x.slice(0, ECHO_LIMIT + 1) : x);
    else if (typeof x === 'bigint') out += x.toString();
    else if (typeof x !== 'object' || x === null) out += JSON.stringify(x) ?? String(x);
    else {
      if (seen.length >= PREVIEW_DEPTH || seen.includes(x)) throw TOO_DEEP;
      seen.push(x);
      if (Array.isArray(x)) {
        out += '[';
        for (let i = 0; i < x.length && out.length <= ECHO_LIMIT; i++) {
          if (i > 0) out += ',';
          write(x[i] === undefined ? null : x[i]);
        }
        out += ']';
      } else {
        out += '{';
        let first = true;
        for (const k in x) {
          const v = (x as Record<string, unknown>)[k];
          if (!Object.hasOwn(x, k) || v === undefined) continue;
          if (out.length > ECHO_LIMIT) break;
          out += `${first ? '' : ','}${JSON.stringify(k.length > ECHO_LIMIT ? k.slice(0, ECHO_LIMIT + 1) : k)}:`;
          first = false;
          write(v);
        }
        out += '}';
      }
      seen.pop();
    }
  };
  write(value);
  return out;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?$/;
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})?$/;
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

function validDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= days[m - 1];
}

function validClock(h: number, m: number, s: number): boolean {
  return h < 24 && m < 60 && s < 61;
}

/** A `YYYY-MM-DD` string naming a real day, or undefined. */
export function parseDate(text: string): string | undefined {
  const m = DATE.exec(text);
  if (!m || !validDay(+m[1], +m[2], +m[3])) return undefined;
  return text;
}

/** A `hh:mm:ss[.fff]` string, or undefined. */
export function parseTime(text: string): string | undefined {
  const m = TIME.exec(text);
  if (!m || !validClock(+m[1], +m[2], +m[3])) return undefined;
  return text;
}

/** An ISO 8601 datetime, normalised to a `T` separator and upper-case `Z`, or undefined. */
export function parseDatetime(text: string): string | undefined {
  const m = DATETIME.exec(text);
  if (!m || !validDay(+m[1], +m[2], +m[3]) || !validClock(+m[4], +m[5], +m[6])) return undefined;
  if (m[8] && m[8].length === 6 && (+m[8].slice(1, 3) > 23 || +m[8].slice(4) > 59)) return undefined;
  return `${text.slice(0, 10)}T${text.slice(11, 19)}${m[7] ?? ''}${m[8] ? m[8].toUpperCase() : ''}`;
}

/** A decimal number as its string (leading `+` dropped), or undefined. */
export function parseDecimal(text: string): string | undefined {
  if (!DECIMAL.test(text)) return undefined;
  return text[0] === '+' ? text.slice(1) : text;
}

/** Bytes from base64 (standard or URL alphabet), or undefined when the text is not base64. */
export function parseBase64(text: string): Uint8Array | undefined {
  const compact = text.replace(/\s+/g, '');
  if (BASE64.test(compact) || (BASE64URL.test(compact) && compact.length % 4 !== 1)) {
    const b = Buffer.from(compact, compact.includes('-') || compact.includes('_') ? 'base64url' : 'base64');
    // A plain Uint8Array view, as declared: handlers should not come to rely on Buffer methods.
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  }
  return undefined;
}

export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** Formats a Date for a `date` or `datetime` field (handlers may return Dates at run time). */
export function formatDateValue(value: Date, kind: 'date' | 'datetime'): string {
  const iso = value.toISOString();
  return kind === 'date' ? iso.slice(0, 10) : iso;
}

/** Bound checks of a number schema; returns the failure reason or undefined. */
export function numberBounds(s: TSchema, n: number | bigint): string | undefined {
  if (s.minimum !== undefined && n < s.minimum) return `Value should be greater or equal to ${s.minimum}`;
  if (s.maximum !== undefined && n > s.maximum) return `Value should be lower or equal to ${s.maximum}`;
  if (s.exclusiveMinimum !== undefined && n <= s.exclusiveMinimum) return `Value should be greater than ${s.exclusiveMinimum}`;
  if (s.exclusiveMaximum !== undefined && n >= s.exclusiveMaximum) return `Value should be lower than ${s.exclusiveMaximum}`;
  return undefined;
}

/** Length and pattern checks of a string schema; returns the failure reason or undefined. */
export function stringBounds(shape: { minLength?: number; maxLength?: number; pattern?: RegExp }, v: string): string | undefined {
  if (shape.minLength !== undefined || shape.maxLength !== undefined) {
    const n = charCount(v);
    if (shape.minLength !== undefined && n < shape.minLength) return `Value should have a minimum character requirement of ${shape.minLength}`;
    if (shape.maxLength !== undefined && n > shape.maxLength) return `Value should have a maximum character requirement of ${shape.maxLength}`;
  }
  if (shape.pattern && !shape.pattern.test(v)) return `Value should match the pattern ${shape.pattern.source.slice(4, -2)}`;
  return undefined;
}

const SURROGATE = /[\uD800-\uDFFF]/;
/** Length in characters (code points), as WSME and JSON Schema count it, not UTF-16 units. */
export function charCount(v: string): number {
  if (!SURROGATE.test(v)) return v.length;
  let n = 0;
  for (const _ of v) n++;
  return n;
}

const TRUE = new Set(['true', '1', 'yes', 'on', 'y', 't']);
const FALSE = new Set(['false', '0', 'no', 'off', 'n', 'f']);

/** WSME's boolean words; undefined when the text is none of them. */
export function parseBool(text: string): boolean | undefined {
  const lower = text.toLowerCase();
  if (TRUE.has(lower)) return true;
  if (FALSE.has(lower)) return false;
  return undefined;
}

const INTEGER = /^[+-]?\d+$/;
// Decimal notation only: `Number()` would also take `0x10`, `0b1` and `Infinity`.
const FLOAT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A finite float from decimal text, or undefined. */
export function parseNumberText(text: string): number | undefined {
  if (!FLOAT.test(text)) return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

/** A safe integer from text, or undefined. */
export function parseIntegerText(text: string): number | undefined {
  // Short plain digit strings (ids, counts: nearly all) are read by hand, without the regex.
  const len = text.length;
  if (len > 0 && len < 16) {
    let v = 0;
    let i = 0;
    for (; i < len; i++) {
      const c = text.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      v = v * 10 + c;
    }
    if (i === len) return v;
  }
  if (!INTEGER.test(text)) return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** Any integer from text as a bigint (range unchecked), or undefined. */
export function parseBigIntText(text: string): bigint | undefined {
  return INTEGER.test(text) ? BigInt(text) : undefined;
}

export const INT64_MIN = -(2n ** 63n);
export const INT64_MAX = 2n ** 63n - 1n;
export const inInt64Range = (n: bigint): boolean => n >= INT64_MIN && n <= INT64_MAX;

/** A signed 64-bit integer from text, or undefined (also when out of range). */
export function parseInt64Text(text: string): bigint | undefined {
  const n = parseBigIntText(text);
  return n !== undefined && inInt64Range(n) ? n : undefined;
}

/** Reasons shared by the codecs, so every wire words the same failure the same way. */
export const reason = {
  string: 'Value should be string',
  int: 'unable to convert to int',
  float: 'unable to convert to float',
  int64: 'unable to convert to int64',
  int64Range: `Value should be between ${INT64_MIN} and ${INT64_MAX}`,
  bool: 'unable to convert to bool',
  decimal: 'unable to convert to Decimal',
  date: 'Value should be a valid date (YYYY-MM-DD)',
  time: 'Value should be a valid time (hh:mm:ss)',
  datetime: 'Value should be a valid ISO 8601 datetime (YYYY-MM-DDThh:mm:ss)',
  binary: 'Value should be base64',
  notNull: 'Value should not be null',
} as const;

/** A scalar read from its text alone: its parser (`undefined` for a bad text) and the wording of the error. */
export interface TextScalar {
  readonly parse: (text: string) => unknown;
  readonly why: string;
}

/** The scalars every codec reads from text the same way (JSON carries them as strings), in one table. */
export const textScalars = {
  boolean: { parse: parseBool, why: reason.bool },
  decimal: { parse: parseDecimal, why: reason.decimal },
  date: { parse: parseDate, why: reason.date },
  time: { parse: parseTime, why: reason.time },
  datetime: { parse: parseDatetime, why: reason.datetime },
  binary: { parse: parseBase64, why: reason.binary },
} as const satisfies Record<string, TextScalar>;

/** An absent mandatory attribute of a complex type, named by its path (`p.lastname`). */
export function missingAttribute(path: string): SwitchboardError {
  return sbError('SB_MISSING_ATTRIBUTE', { name: path });
}
