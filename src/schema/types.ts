/**
 * The schema builders. Each returns a plain TypeBox schema (JSON Schema with TypeBox's
 * `Kind` tag), so `Static<typeof s>` gives the handler's TypeScript type and any TypeBox
 * schema of the same shapes works too. WSME's types map as documented in `docs/types.md`.
 */
import {
  type Static,
  type TArray,
  type TBigInt,
  type TBoolean,
  type TInteger,
  type TNull,
  type TNumber,
  type TObject,
  type TOptional,
  type TProperties,
  type TRecord,
  type TRecursive,
  type TSchema,
  type TThis,
  type TString,
  type TUint8Array,
  type TUnion,
  type TUnknown,
  type TUnsafe,
  Type,
} from '@sinclair/typebox';

import { type ModelOf, type SchemaLike, nestedModel } from './standard.ts';
import { pascal } from './jsonschema-import.ts';

export type { Static, TSchema };

/**
 * A `date` or `datetime` schema: a string on the wire and in arguments; a handler may also
 * return a `Date` for it (see `ResultOf`), written in UTC.
 */
export interface TDateString extends TString {
  format: 'date' | 'date-time';
}

export interface StringOptions {
  minLength?: number;
  maxLength?: number;
  /** An ECMAScript regular expression the whole value must match. */
  pattern?: string;
  description?: string;
  default?: string;
}
export interface NumberOptions {
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  description?: string;
  default?: number;
}

/** Attributes of a complex type are optional (may be unset) unless listed as mandatory. */
export type ComplexProperties<P extends TProperties, M extends keyof P> = {
  [K in keyof P]: K extends M ? P[K] : TOptional<P[K]>;
};

/** Properties that may be Standard Schemas, as model schemas. */
export type ModelProperties<P extends Record<string, SchemaLike>> = { [K in keyof P]: ModelOf<P[K]> };

export interface ComplexOptions<M> {
  /** Attributes that must be present in input. */
  mandatory?: readonly M[];
  description?: string;
}

const str = (format: string, description?: string): TString => Type.String(description === undefined ? { format } : { format, description });

export const t = {
  /** A unicode string. */
  string: (o: StringOptions = {}): TString => Type.String(o),
  /** An integer within ±(2^53 − 1) (a JS number); bounds via minimum/maximum. */
  integer: (o: NumberOptions = {}): TInteger => Type.Integer(o),
  /** A signed 64-bit integer, carried as a bigint so values beyond 2^53 lose nothing. */
  int64: (o: { minimum?: bigint; maximum?: bigint; description?: string } = {}): TBigInt => Type.BigInt(o),
  /** A float. */
  number: (o: NumberOptions = {}): TNumber => Type.Number(o),
  /** A boolean; text forms accept true/false, 1/0, yes/no, on/off. */
  boolean: (o: { description?: string; default?: boolean } = {}): TBoolean => Type.Boolean(o),
  /** A decimal number kept as its canonical string, so no precision is lost. */
  decimal: (o: { description?: string } = {}): TString => str('decimal', o.description),
  /** A calendar date, `YYYY-MM-DD`. */
  date: (o: { description?: string } = {}): TDateString => str('date', o.description) as TDateString,
  /** A time of day, `hh:mm:ss` with optional fraction. */
  time: (o: { description?: string } = {}): TString => str('time', o.description),
  /** An ISO 8601 date and time, with its offset when it has one. */
  datetime: (o: { description?: string } = {}): TDateString => str('date-time', o.description) as TDateString,
  /** Bytes; base64 on text wires. */
  binary: (o: { description?: string } = {}): TUint8Array => Type.Uint8Array(o),
  /** One of the given values. */
  enum: <const V extends readonly (string | number)[]>(values: V, o: { name?: string; description?: string } = {}): TUnsafe<V[number]> =>
    Type.Unsafe<V[number]>({
      type: typeof values[0] === 'number' ? 'integer' : 'string',
      enum: [...values],
      ...(o.name ? { $id: o.name } : {}),
      ...(o.description ? { description: o.description } : {}),
    }),
  /**
   * A list of values of one type. The items may be a Standard Schema (Zod, Valibot), converted
   * here; an object among them is the complex type `name` (default `Item`) unless it has a title.
   */
  array: <T extends SchemaLike>(items: T, o: { minItems?: number; maxItems?: number; description?: string; name?: string } = {}): TArray<ModelOf<T>> => {
    const { name, ...rest } = o;
    return Type.Array(nestedModel(items, name ?? 'Item'), rest);
  },
  /** A map from string keys to values of one type (a Standard Schema too, as for `array`). */
  dict: <T extends SchemaLike>(values: T, o: { description?: string; name?: string } = {}): TRecord<TString, ModelOf<T>> => {
    const { name, ...rest } = o;
    return Type.Record(Type.String(), nestedModel(values, name ?? 'Item'), rest);
  },
  /** The value or `null`; distinct from unset. */
  nullable: <T extends SchemaLike>(inner: T): TUnion<[ModelOf<T>, TNull]> => Type.Union([nestedModel(inner, 'Item'), Type.Null()]),
  /** Any JSON value, passed through unchecked. */
  any: (o: { description?: string } = {}): TUnknown => Type.Unknown(o),
  /**
   * A named complex type. Attributes are optional (unset is distinct from null and omitted
   * from output) unless listed in `mandatory`.
   */
  complex: <P extends Record<string, SchemaLike>, M extends keyof P & string = never>(
    name: string,
    properties: P,
    o: ComplexOptions<M> = {},
  ): TObject<ComplexProperties<ModelProperties<P>, M>> => {
    const mandatory = new Set<string>(o.mandatory ?? []);
    const props: TProperties = {};
    for (const [key, given] of Object.entries(properties)) {
      // A Standard Schema member is converted here; an object there is `<Name><Key>`, as for imported types.
      const schema: TSchema = nestedModel(given, `${name}${pascal(key)}`);
      props[key] = mandatory.has(key) ? schema : Type.Optional(schema);
    }
    return Type.Object(props, {
      $id: name,
      additionalProperties: false,
      ...(o.description ? { description: o.description } : {}),
    }) as TObject<ComplexProperties<ModelProperties<P>, M>>;
  },
  /**
   * A type that refers to itself: `t.recursive('Node', (self) => t.complex('Node', { children:
   * t.array(self) }))`. The name is the type's name in errors and documents.
   */
  recursive: <T extends TSchema>(name: string, build: (self: TThis) => T): TRecursive<T> => Type.Recursive(build, { $id: name }),
  /** An argument the caller may leave out; the handler then sees `undefined`. */
  optional: <T extends TSchema>(schema: T) => Type.Optional(schema),
};
