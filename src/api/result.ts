/**
 * The type a handler may return for a schema: the schema's static type, except that a `date`
 * or `datetime` may also be a `Date` (the codecs write it, in UTC), at any depth.
 */
import type { Static, TArray, TObject, TOptional, TProperties, TRecord, TSchema, TString, TUnion } from '@sinclair/typebox';
import type { TDateString } from '../schema/types.ts';

type OptionalKeys<P extends TProperties> = { [K in keyof P]: P[K] extends TOptional<TSchema> ? K : never }[keyof P];
type Flatten<T> = { [K in keyof T]: T[K] } & {};

type OutObject<P extends TProperties> = Flatten<{ [K in OptionalKeys<P>]?: Returnable<P[K]> } & { [K in Exclude<keyof P, OptionalKeys<P>>]: Returnable<P[K]> }>;

/** What a handler may return where the schema `S` is declared. */
export type Returnable<S extends TSchema> = S extends TDateString
  ? string | Date
  : S extends TArray<infer I extends TSchema>
    ? Returnable<I>[]
    : S extends TUnion<infer U extends TSchema[]>
      ? Returnable<U[number]>
      : S extends TRecord<TString, infer V extends TSchema>
        ? Record<string, Returnable<V>>
        : S extends TObject<infer P extends TProperties>
          ? OutObject<P>
          : Static<S>;
