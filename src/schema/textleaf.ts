/**
 * One scalar written as text — a query value, a form field, an XML element's content — turned
 * into the handler's value. The text and XML codecs share it, so a type reads the same from
 * every textual wire. Surrounding white space is ignored except in strings.
 */
import type { TSchema } from '@sinclair/typebox';
import {
  inInt64Range,
  invalid,
  numberBounds,
  parseBase64,
  parseBigIntText,
  parseBool,
  parseDate,
  parseDatetime,
  parseDecimal,
  parseIntegerText,
  parseNumberText,
  parseTime,
  reason,
  stringBounds,
} from './scalars.ts';
import { type PartialShapeVisitor, visit } from './visit.ts';

/** Converts one text leaf; `path` names it in errors. Throws a Client error. */
export type LeafConverter = (text: string, path: string) => unknown;

function parsed<T>(parse: (text: string) => T | undefined, why: string): LeafConverter {
  return (text, p) => {
    const v = parse(text.trim());
    if (v === undefined) throw invalid(p, text, why);
    return v;
  };
}

/** The converter of a scalar schema; `undefined` for lists, dicts, complex types and the like. */
export function leafConverter(s: TSchema): LeafConverter | undefined {
  return visit(s, converters);
}

const converters: PartialShapeVisitor<LeafConverter | undefined> = {
  string: (shape) => (text, p) => {
    const bad = stringBounds(shape, text);
    if (bad) throw invalid(p, text, bad);
    return text;
  },
  integer:
    ({ s }) =>
    (text, p) => {
      const n = parseIntegerText(text.trim());
      if (n === undefined) throw invalid(p, text, reason.int);
      const bad = numberBounds(s, n);
      if (bad) throw invalid(p, text, bad);
      return n;
    },
  int64:
    ({ s }) =>
    (text, p) => {
      const n = parseBigIntText(text.trim());
      if (n === undefined) throw invalid(p, text, reason.int64);
      if (!inInt64Range(n)) throw invalid(p, text, reason.int64Range);
      const bad = numberBounds(s, n);
      if (bad) throw invalid(p, text, bad);
      return n;
    },
  number:
    ({ s }) =>
    (text, p) => {
      const n = parseNumberText(text.trim());
      if (n === undefined) throw invalid(p, text, reason.float);
      const bad = numberBounds(s, n);
      if (bad) throw invalid(p, text, bad);
      return n;
    },
  boolean: () => parsed(parseBool, reason.bool),
  decimal: () => parsed(parseDecimal, reason.decimal),
  date: () => parsed(parseDate, reason.date),
  time: () => parsed(parseTime, reason.time),
  datetime: () => parsed(parseDatetime, reason.datetime),
  binary: () => parsed(parseBase64, reason.binary),
  enum: (shape) => {
    const byText = new Map(shape.values.map((v) => [String(v), v]));
    const list = shape.values.join(', ');
    return (text, p) => {
      const v = byText.get(text) ?? byText.get(text.trim());
      if (v === undefined) throw invalid(p, text, `Value should be one of: ${list}`);
      return v;
    };
  },
  otherwise: () => undefined,
};
