/**
 * One scalar written as text — a query value, a form field, an XML element's content — turned
 * into the handler's value. The text and XML codecs share it, so a type reads the same from
 * every textual wire. Surrounding white space is ignored except in strings.
 */
import type { TSchema } from '@sinclair/typebox';
import {
  type TextScalar,
  inInt64Range,
  invalid,
  numberBounds,
  parseBigIntText,
  parseIntegerText,
  parseNumberText,
  reason,
  stringBounds,
  textScalars,
} from './scalars.ts';
import { type PartialShapeVisitor, visit } from './visit.ts';

/** Converts one text leaf; `path` names it in errors. Throws a Client error. */
export type LeafConverter = (text: string, path: string) => unknown;

function parsed({ parse, why }: TextScalar): LeafConverter {
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
  boolean: () => parsed(textScalars.boolean),
  decimal: () => parsed(textScalars.decimal),
  date: () => parsed(textScalars.date),
  time: () => parsed(textScalars.time),
  datetime: () => parsed(textScalars.datetime),
  binary: () => parsed(textScalars.binary),
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
