/**
 * `@autoMethod`: Ferris' method decorator. Parameters are declared in the seed's `(type,
 * default)` form as tuples — `[t.string()]` is required, `[t.integer(), 18]` optional with its
 * default — and a request message as `request: [PeopleMessage]`; the handler's argument object
 * is inferred from both. What is declared here becomes an ordinary function of the model when
 * its service is added to an endpoint (`service.ts`).
 */
import type { Static, TObject, TSchema } from '@sinclair/typebox';
import type { HttpMethod } from '../binding.ts';
import type { CallContext } from '../context.ts';
import type { Returned, ResultOf } from '../expose.ts';
import type { AuthLevel } from './config.ts';

/** One parameter: `[schema]` (required) or `[schema, default]`. */
export type Param = readonly [TSchema] | readonly [TSchema, unknown];
export type Params = Readonly<Record<string, Param>>;

/** The handler's arguments: each parameter's type, and `request` when a request message is declared. */
export type MethodArgs<P extends Params, Q extends TObject | undefined> = { [K in keyof P]: Static<P[K][0]> } & (Q extends TObject
  ? { request: Static<Q> }
  : unknown);

/** Access settings a service or a method may override (Cloud Endpoints' names, in camel case). */
export interface AccessOptions {
  authLevel?: AuthLevel;
  scopes?: readonly string[];
  allowedClientIds?: readonly string[];
}

/** The seed's options of `auto_method`. */
export interface AutoMethodOptions<P extends Params, Q extends TObject | undefined, R extends TSchema | undefined> extends AccessOptions {
  /** The response message; default none (204 over REST). */
  returns?: R;
  /** Its name in the method id (`ferris.posts.<name>`); default: the method's name. */
  name?: string;
  /** Default `POST`. */
  httpMethod?: HttpMethod;
  /** Its REST path below the service's, e.g. `{id}`; default: its name. */
  path?: string;
  /** Query (or path) parameters. */
  params?: P;
  /** The request message: the REST body, the argument `request` elsewhere. */
  request?: readonly [Q];
  doc?: string;
}

/** What a decorated method carries until its service is added to an endpoint. */
export interface MethodSpec {
  /** The class member's name. */
  readonly member: string;
  readonly options: AutoMethodOptions<Params, TObject | undefined, TSchema | undefined>;
  readonly handler: (args: Record<string, unknown>, ctx: CallContext) => unknown;
}

const specs = new WeakMap<object, MethodSpec>();

/** The spec a method decorated with `@autoMethod` carries, if any. */
export function methodSpec(fn: unknown): MethodSpec | undefined {
  return typeof fn === 'function' ? specs.get(fn) : undefined;
}

type Decorator<P extends Params, Q extends TObject | undefined, R extends TSchema | undefined> = <This>(
  target: (this: This, args: MethodArgs<P, Q>, ctx: CallContext) => Returned<ResultOf<R>>,
  context: ClassMethodDecoratorContext<This>,
) => void;

/**
 * Exposes a service method. Bare (`@autoMethod`) it takes nothing and returns nothing;
 * with options it declares its response, parameters and request message.
 *
 * @example
 * \@autoMethod({ returns: HelloMessage, params: { name: [t.string()], age: [t.integer(), 18] } })
 * age({ name, age }) { return { greeting: `Hello, ${name}! You are ${age}` }; }
 */
export function autoMethod<const P extends Params = {}, Q extends TObject | undefined = undefined, R extends TSchema | undefined = undefined>(
  options: AutoMethodOptions<P, Q, R>,
): Decorator<P, Q, R>;
export function autoMethod<This>(
  target: (this: This, args: Record<string, never>, ctx: CallContext) => unknown,
  context: ClassMethodDecoratorContext<This>,
): void;
export function autoMethod(a: unknown, b?: unknown): Decorator<Params, TObject | undefined, TSchema | undefined> | undefined {
  if (typeof a === 'function') {
    record(a, b as ClassMethodDecoratorContext, {});
    return undefined;
  }
  if (typeof a !== 'object' || a === null) throw new TypeError('@autoMethod takes options ({ returns, params, request, … }) or decorates a method as it is');
  const options = a as AutoMethodOptions<Params, TObject | undefined, TSchema | undefined>;
  return (target, context) => record(target, context as unknown as ClassMethodDecoratorContext, options);
}

function record(target: unknown, context: ClassMethodDecoratorContext, options: MethodSpec['options']): void {
  if (context?.kind !== 'method') throw new TypeError('@autoMethod decorates methods');
  if (context.private || context.static) throw new TypeError(`@autoMethod cannot expose the private or static method ${String(context.name)}`);
  specs.set(target as object, { member: String(context.name), options, handler: target as MethodSpec['handler'] });
}
