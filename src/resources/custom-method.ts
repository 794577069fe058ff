/**
 * Custom methods of a resource (the seed's `available_methods`, e.g. `user.invite`): a detail
 * method takes the record's `pk` (and sees the record, read within the caller's scope and
 * permissions); a collection method does not. Both are exposed like the CRUD actions.
 */
import type { TSchema } from '@sinclair/typebox';
import type { HttpMethod } from '../api/binding.ts';
import type { CallContext } from '../api/context.ts';
import type { Args, ArgsOf, ResultOf, Returned } from '../api/expose.ts';
import type { ChangeAction } from './bus.ts';
import type { Id, Row, Store } from './store.ts';

/** What a custom method's handler is given beside its arguments. */
export interface MethodContext {
  readonly ctx: CallContext;
  readonly store: Store;
  /** A detail method's record. */
  readonly record: Row | undefined;
  readonly pk: Id | undefined;
  /** Tells subscribers of a change the method made through `store` (after it committed); a no-op when the store keeps a change log (it published the write itself). */
  publish(action: ChangeAction, row: Row): Promise<void>;
}

export interface MethodOptions<A extends Args, R extends TSchema | undefined> {
  /** Takes the record's `pk` (`POST /users/{pk}/invite`); otherwise a collection method (`POST /users/invite`). */
  detail?: boolean;
  args?: A;
  returns?: R;
  /** Its REST verb (default POST). */
  method?: HttpMethod;
  stream?: boolean;
  doc?: string;
}

export interface CustomMethod {
  readonly detail: boolean;
  readonly args: Args;
  readonly returns: TSchema | undefined;
  readonly method: HttpMethod | undefined;
  readonly stream: boolean;
  readonly doc: string | undefined;
  readonly handler: (args: Record<string, unknown>, mc: MethodContext) => unknown;
}

/**
 * Declares a custom method; its arguments are inferred from their schemas.
 *
 * @example
 * const invite = method({ args: { email: t.string() }, returns: t.string() }, ({ email }) => email);
 */
export function method<A extends Args = {}, R extends TSchema | undefined = undefined>(
  o: MethodOptions<A, R>,
  handler: (args: ArgsOf<A> & { pk?: Id }, mc: MethodContext) => Returned<ResultOf<R>>,
): CustomMethod {
  return Object.freeze({
    detail: o.detail ?? false,
    args: o.args ?? {},
    returns: o.returns,
    method: o.method,
    stream: o.stream ?? false,
    doc: o.doc,
    handler: handler as (args: Record<string, unknown>, mc: MethodContext) => unknown,
  });
}
