/**
 * A typed client's shape, read from the server's own declaration (`typeof personsApi`): each
 * controller an object, each function a method taking the argument object and answering a
 * promise of the result — or an async iterable of items for a stream. Values are typed as the
 * client hands them over: an int64 as a bigint (never rounded, whatever the wire carried), bytes
 * as base64 text, dates as their text.
 */
import type { Static, TSchema } from '@sinclair/typebox';
import type { ApiDef } from '../api/api.ts';
import type { ControllerDef } from '../api/controller.ts';
import type { Args, ArgsOf, FunctionDef } from '../api/expose.ts';

/** A value as the client hands it back. */
export type Wire<T> = T extends bigint
  ? bigint
  : T extends Uint8Array
    ? string
    : T extends Date
      ? string
      : T extends readonly (infer I)[]
        ? Wire<I>[]
        : T extends object
          ? { [K in keyof T]: Wire<T[K]> }
          : T;

/** A value as a caller may send it: an int64 as a bigint, a number or its digits; bytes as base64 text. */
export type Input<T> = T extends bigint
  ? bigint | number | string
  : T extends Uint8Array
    ? string
    : T extends readonly (infer I)[]
      ? Input<I>[]
      : T extends object
        ? { [K in keyof T]: Input<T[K]> }
        : T;

/** Options of one call. */
export interface CallOptions {
  /** Aborts the call; for a stream, ends it (on the server too). */
  readonly signal?: AbortSignal;
  /** Headers of this call (HTTP transports). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** The result of a function declared to return `R` (`null` for none). */
export type ResultOf<R> = R extends TSchema ? Wire<Static<R>> : null;

/** One function as a method. */
export type Method<A extends Args, R, S> = (
  ...call: {} extends ArgsOf<A> ? [args?: Input<ArgsOf<A>>, options?: CallOptions] : [args: Input<ArgsOf<A>>, options?: CallOptions]
) => S extends true ? AsyncIterable<ResultOf<R>> : Promise<ResultOf<R>>;

/** The members of a controller (or an API's top level) as methods and nested objects. */
export type Members<M> = {
  readonly [K in keyof M]: M[K] extends FunctionDef<infer A, infer R, infer S>
    ? Method<A, R, S>
    : M[K] extends ControllerDef<infer N>
      ? Members<N>
      : M[K] extends object
        ? InstanceMembers<M[K]>
        : never;
};

/**
 * A controller given as a class instance (`new BookController()` with `@expose`d methods): its
 * methods as the client's, typed from their own parameter and return types (a decorator cannot
 * change a type, so every public method is listed; calling one that is not exposed is the
 * server's "no such function"), and its controller-valued properties nested.
 */
export type InstanceMembers<T> = {
  readonly [K in keyof T as T[K] extends (...args: never[]) => unknown ? K : T[K] extends object ? K : never]: T[K] extends (
    args: infer A,
    ...rest: never[]
  ) => infer R
    ? InstanceMethod<A, R>
    : T[K] extends ControllerDef<infer N>
      ? Members<N>
      : InstanceMembers<T[K]>;
};

/** An exposed class method as a client method: an async iterable for one returning one (a stream). */
export type InstanceMethod<A, R> = (
  ...call: {} extends A ? [args?: Input<A>, options?: CallOptions] : [args: Input<A>, options?: CallOptions]
) => Awaited<R> extends AsyncIterable<infer I> ? AsyncIterable<Wire<I>> : Promise<Wire<Awaited<R>>>;

/** The client of an API declaration: `ClientOf<typeof personsApi>`. */
export type ClientOf<D> = D extends ApiDef<infer C> ? Members<C> : never;
