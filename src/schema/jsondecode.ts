/**
 * The JSON decoders, compiled per schema into closures once at registration: a parsed JSON
 * value in, the handler's value out (checked), a Client error at the first bad value. Complex
 * types and plain lists get generated code (`jsongen.ts`). The entry point, which also lists
 * every field error of a bad value, is `jsonDecoder` (`json.ts`).
 */
import type { TSchema } from '@sinclair/typebox';
import { fieldValue } from './describe.ts';
import { complexDecoder, plainListDecoder } from './jsongen.ts';
import { memoise } from './memoise.ts';
import {
  inInt64Range,
  invalid,
  missingAttribute,
  numberBounds,
  parseBigIntText,
  parseBool,
  parseDecimal,
  parseIntegerText,
  parseNumberText,
  reason,
  stringBounds,
  type TextScalar,
  textScalars,
  unknownAttributes,
} from './scalars.ts';
import { type PartialShapeVisitor, type ShapeOf, type ShapeVisitor, visit } from './visit.ts';

/** Converts a parsed JSON value; `path` names it in errors. Throws a Client error. */
export type JsonDecoder = (value: unknown, path: string) => unknown;

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The decoder of a schema, first error only (cached per schema object; recursive schemas work). */
export const valueDecoder: (s: TSchema) => JsonDecoder = memoise((s) => {
  const built = visit(s, decoders);
  // One wording for null wherever the type does not admit it.
  return acceptsNull(s) ? built : (v, p) => (v === null ? notNull(p) : built(v, p));
});

/** Whether the JSON value `null` is a value of the schema (else it is refused before its decoder runs). */
export function acceptsNull(s: TSchema): boolean {
  return visit(s, nullables);
}

const nullables: PartialShapeVisitor<boolean> = { nullable: () => true, null: () => true, any: () => true, otherwise: () => false };

function notNull(p: string): never {
  throw invalid(p, null, reason.notNull);
}

function textual({ parse, why }: TextScalar): JsonDecoder {
  return (v, p) => {
    const r = typeof v === 'string' ? parse(v) : undefined;
    if (r === undefined) throw invalid(p, v, why);
    return r;
  };
}

/** The list checks of an array schema (a list, within its item bounds); returns the list. */
export function listCheck(s: TSchema): (v: unknown, p: string) => unknown[] {
  const { minItems, maxItems } = s as { minItems?: number; maxItems?: number };
  return (v, p) => {
    if (!Array.isArray(v)) throw invalid(p, v, 'Value should be a list');
    if (minItems !== undefined && v.length < minItems) throw invalid(p, v, `Value should have at least ${minItems} items`);
    if (maxItems !== undefined && v.length > maxItems) throw invalid(p, v, `Value should have at most ${maxItems} items`);
    return v;
  };
}

/** The field table of a complex type, as its decoder and its collecting walk read it. */
export function complexFields(shape: ShapeOf<'complex'>) {
  const fields = shape.fields.map((f) => ({
    name: f.name,
    ownOnly: f.ownOnly,
    required: f.required,
    plain: plainCheck(f.schema),
    decode: valueDecoder(f.schema),
  }));
  return { fields, known: new Set(fields.map((f) => f.name)) };
}

export const notAnObject = (shape: ShapeOf<'complex'>, v: unknown, p: string) => invalid(p, v, `Value should be an object (${shape.name})`);

const decoders: ShapeVisitor<JsonDecoder> = {
  string: (shape) => (v, p) => {
    if (typeof v !== 'string') throw invalid(p, v, reason.string);
    const bad = stringBounds(shape, v);
    if (bad) throw invalid(p, v, bad);
    return v;
  },
  // WSME converts with int(): integer strings are accepted too, fractions are not.
  integer:
    ({ s }) =>
    (v, p) => {
      const n = typeof v === 'number' ? v : typeof v === 'string' ? parseIntegerText(v.trim()) : undefined;
      if (n === undefined || !Number.isSafeInteger(n)) throw invalid(p, v, reason.int);
      const bad = numberBounds(s, n);
      if (bad) throw invalid(p, v, bad);
      return n;
    },
  number:
    ({ s }) =>
    (v, p) => {
      const n = typeof v === 'number' ? v : typeof v === 'string' ? parseNumberText(v.trim()) : undefined;
      if (n === undefined || !Number.isFinite(n)) throw invalid(p, v, reason.float);
      const bad = numberBounds(s, n);
      if (bad) throw invalid(p, v, bad);
      return n;
    },
  int64:
    ({ s }) =>
    (v, p) => {
      let n: bigint | undefined;
      if (typeof v === 'bigint') n = v;
      else if (typeof v === 'number' && Number.isSafeInteger(v)) n = BigInt(v);
      else if (typeof v === 'string') n = parseBigIntText(v.trim());
      if (n === undefined) throw invalid(p, v, reason.int64);
      if (!inInt64Range(n)) throw invalid(p, v, reason.int64Range);
      const bad = numberBounds(s, n);
      if (bad) throw invalid(p, v, bad);
      return n;
    },
  // WSME's bool_fromjson: booleans, 0/1, and the unambiguous words.
  boolean: () => (v, p) => {
    if (typeof v === 'boolean') return v;
    const b = v === 1 ? true : v === 0 ? false : typeof v === 'string' ? parseBool(v) : undefined;
    if (b === undefined) throw invalid(p, v, reason.bool);
    return b;
  },
  decimal: () => (v, p) => {
    const r = typeof v === 'string' ? parseDecimal(v.trim()) : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined;
    if (r === undefined) throw invalid(p, v, reason.decimal);
    return r;
  },
  date: () => textual(textScalars.date),
  time: () => textual(textScalars.time),
  datetime: () => textual(textScalars.datetime),
  binary: () => textual(textScalars.binary),
  enum: (shape) => {
    const allowed = new Set<unknown>(shape.values);
    const list = shape.values.join(', ');
    return (v, p) => {
      if (!allowed.has(v)) throw invalid(p, v, `Value should be one of: ${list}`);
      return v;
    };
  },
  array: (shape) => {
    const item = valueDecoder(shape.items);
    const list = listCheck(shape.s);
    const plain = plainCheck(shape.items);
    const fast = plain === undefined ? undefined : plainListDecoder(plain, item, list);
    if (fast) return fast;
    return (v, p) => {
      const a = list(v, p);
      const out = new Array(a.length);
      for (let i = 0; i < a.length; i++) out[i] = item(a[i], `${p}[${i}]`);
      return out;
    };
  },
  dict: (shape) => {
    const value = valueDecoder(shape.values);
    return (v, p) => {
      if (!isObject(v)) throw invalid(p, v, 'Value should be a dict');
      const out: Record<string, unknown> = Object.create(null);
      for (const key of Object.keys(v)) out[key] = value(v[key], `${p}[${key}]`);
      return out;
    };
  },
  nullable: (shape) => {
    const inner = valueDecoder(shape.inner);
    return (v, p) => (v === null ? null : inner(v, p));
  },
  null: () => (v, p) => {
    if (v !== null) throw invalid(p, v, 'Value should be null');
    return null;
  },
  any: () => (v) => v,
  complex: (shape) => {
    const { fields, known } = complexFields(shape);
    const generated = complexDecoder(fields, {
      notObject: (v, p) => {
        throw notAnObject(shape, v, p);
      },
      unknown: (v, p) => {
        throw unknownAttributes(
          p,
          Object.keys(v).filter((k) => !known.has(k)),
        );
      },
      missing: (p) => {
        throw missingAttribute(p);
      },
    });
    if (generated) return generated;
    return (v, p) => {
      if (!isObject(v)) throw notAnObject(shape, v, p);
      for (const key in v) {
        if (!known.has(key))
          throw unknownAttributes(
            p,
            Object.keys(v).filter((k) => !known.has(k)),
          );
      }
      const out: Record<string, unknown> = {};
      for (const f of fields) {
        const x = fieldValue(v, f);
        if (x === undefined) {
          if (f.required) throw missingAttribute(`${p}.${f.name}`);
        } else out[f.name] = f.decode(x, `${p}.${f.name}`);
      }
      return out;
    };
  },
};

/**
 * A condition on `x` under which a JSON value is already its decoding (a leaf type with no
 * bounds to check, nothing to convert); undefined where the full decoder must always run.
 */
export function plainCheck(s: TSchema): string | undefined {
  return visit(s, plain);
}

const unbounded = (s: TSchema) => s.minimum === undefined && s.maximum === undefined && s.exclusiveMinimum === undefined && s.exclusiveMaximum === undefined;

const plain: PartialShapeVisitor<string | undefined> = {
  string: (shape) => (shape.minLength === undefined && shape.maxLength === undefined && !shape.pattern ? "typeof x === 'string'" : undefined),
  integer: ({ s }) => (unbounded(s) ? "typeof x === 'number' && Number.isSafeInteger(x)" : undefined),
  number: ({ s }) => (unbounded(s) ? "typeof x === 'number' && Number.isFinite(x)" : undefined),
  boolean: () => "typeof x === 'boolean'",
  otherwise: () => undefined,
};
