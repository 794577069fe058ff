/**
 * Declaring functions: `expose(options, handler)` for plain functions, and `@expose(returns,
 * options)` as a standard (TC39) method decorator for classes in WSME's style. Both produce
 * the same `FunctionDef`.
 */
import { Kind, type Static, type TObject, type TOptional, type TSchema, type TUnsafe } from '@sinclair/typebox';
import { pascal } from '../schema/jsonschema-import.ts';
import { type StandardSchemaV1, fromStandard, isStandardSchema } from '../schema/standard.ts';
import type { HttpMethod, HttpOptions } from './binding.ts';
import type { CallContext } from './context.ts';
import type { LiveSource } from './live.ts';
import type { Returnable } from './result.ts';
import type { CallStep, Policy } from './steps.ts';

/** A schema as a declaration may give it: built with `t` (TypeBox), or a Standard Schema (Zod 4, Valibot…). */
export type AnySchema = TSchema | StandardSchemaV1;
export type Args = Record<string, AnySchema>;
/** The model schema standing for `S` in type inference: a Standard Schema's output type, optional when it may be `undefined`. */
type ModelOf<S> = S extends TSchema
  ? S
  : S extends StandardSchemaV1
    ? undefined extends StandardSchemaV1.InferOutput<S>
      ? TOptional<TUnsafe<StandardSchemaV1.InferOutput<S>>>
      : TUnsafe<StandardSchemaV1.InferOutput<S>>
    : never;
/** The handler's argument object, inferred from the argument schemas. */
export type ArgsOf<A extends Args> = Static<TObject<{ [K in keyof A]: Extract<ModelOf<A[K]>, TSchema> }>>;
/**
 * The handler's result type, inferred from the return schema (`void` without one); a `date` or
 * `datetime` anywhere in it may also be a `Date`.
 */
// biome-ignore lint/suspicious/noConfusingVoidType: a function without a return schema may return nothing
export type ResultOf<R extends AnySchema | undefined> = R extends TSchema ? Returnable<R> : R extends StandardSchemaV1 ? StandardSchemaV1.InferOutput<R> : void;
export type { HttpMethod } from './binding.ts';

/**
 * A handler's return: the value, a promise of it, or a stream of values (async iterable) — or a
 * promise of the stream, for a handler that must check something (and may refuse) before it streams;
 * or a live source (`liveSource`), which the runtime opens into a bounded per-caller queue.
 */
export type Returned<T> = T | Promise<T> | AsyncIterable<T> | Promise<AsyncIterable<T>> | LiveSource<T> | Promise<LiveSource<T>>;
export type Handler<A extends Args, R extends AnySchema | undefined> = (args: ArgsOf<A>, ctx: CallContext) => Returned<ResultOf<R>>;

/** Options shared by both ways of exposing a function. */
export interface FunctionOptions<A extends Args> extends HttpOptions<keyof A & string> {
  /** Argument schemas, in positional order. Use `t.optional` or a `default` for optional ones. */
  args?: A;
  /** Call steps of this function alone, run after its API's and controllers' (see `CallStep`). */
  steps?: readonly CallStep[];
  /** Access policy of this function, over its controller's and API's. */
  policy?: Policy;
  /** Documentation, carried into WSDL, OpenAPI and the explorer. */
  doc?: string;
  /**
   * The function streams its results (`returns` is the schema of one item): only streaming
   * protocols (WebSocket, SSE, JSON-RPC over WebSocket, Ext Direct polling) carry it, and
   * documents of the others (the WSDL) leave it out.
   */
  stream?: boolean;
  /** Protocol-specific extra options, e.g. `extdirect_params_notation`. */
  extra?: Readonly<Record<string, unknown>>;
}

export interface ExposeOptions<A extends Args, R extends AnySchema | undefined, S extends boolean = boolean> extends FunctionOptions<A> {
  returns?: R;
  stream?: S;
}

/**
 * An exposed function: the model's leaf. Its type parameters record the declared argument and
 * result schemas and whether it streams, so a typed client can name them (`switchboard/client`).
 */
export interface FunctionDef<A extends Args = Args, R extends AnySchema | undefined = AnySchema | undefined, S extends boolean = boolean> {
  readonly kind: 'function';
  /** The model schemas of the arguments (Standard Schemas given are converted, once, here). */
  readonly args: Readonly<Record<string, TSchema>>;
  readonly returns: TSchema | undefined;
  /** The Standard Schemas arguments were declared with, by name: their own `validate` runs after the model's. */
  readonly standard: Readonly<Record<string, StandardSchemaV1>>;
  /** The declared verbs (undefined: WSME's default, derived at compile time). */
  readonly methods: readonly HttpMethod[] | undefined;
  /** The argument that is the whole REST body, if one is. */
  readonly body: string | undefined;
  /** The declared HTTP binding (what is absent is derived at compile time). */
  readonly http: Readonly<HttpOptions>;
  readonly steps: readonly CallStep[];
  readonly policy: Policy | undefined;
  readonly doc: string | undefined;
  /** Declared as a stream of `returns` items. */
  readonly stream: boolean;
  readonly extra: Readonly<Record<string, unknown>>;
  /** Undefined for a function declared before its handler exists (bound later by name). */
  readonly handler: AnyHandler | undefined;
  /** Types only, never set: what was declared, for typed clients. */
  readonly __declared?: { readonly args: A; readonly returns: R; readonly stream: S };
}

/** A handler as the runtime holds it. */
export type AnyHandler = (args: Record<string, unknown>, ctx: CallContext) => unknown;

/** A declared schema as the model holds it: a Standard Schema is converted (arguments: what callers send). */
function modelSchema(s: AnySchema, name: string, io: 'input' | 'output'): TSchema {
  return isStandardSchema(s) ? fromStandard(s, { name, io }) : s;
}

function makeDef(o: FunctionOptions<Args> & { returns?: AnySchema }, handler: AnyHandler | undefined, resultName?: string): FunctionDef {
  const args: Record<string, TSchema> = {};
  const standard: Record<string, StandardSchemaV1> = {};
  for (const [name, s] of Object.entries(o.args ?? {})) {
    args[name] = modelSchema(s, pascal(name), 'input');
    if (isStandardSchema(s)) standard[name] = s;
  }
  const returns = o.returns === undefined ? undefined : modelSchema(o.returns, resultName ?? resultNameOf(handler), 'output');
  if (o.body !== undefined && !(o.body in args)) throw new TypeError(`expose: body argument "${o.body}" is not among the arguments`);
  const methods = o.method === undefined ? undefined : typeof o.method === 'string' ? [o.method as HttpMethod] : [...o.method];
  const { args: _a, returns: _r, doc: _d, stream: _s, extra: _e, steps: _st, policy: _p, ...http } = o as ExposeOptions<Args, TSchema>;
  return Object.freeze({
    kind: 'function' as const,
    args: Object.freeze(args),
    returns,
    standard: Object.freeze(standard),
    methods,
    body: o.body,
    http: Object.freeze({ ...http, method: methods }),
    steps: Object.freeze([...(o.steps ?? [])]),
    policy: o.policy,
    doc: o.doc,
    stream: o.stream ?? false,
    extra: o.extra ?? {},
    handler,
  });
}

/** An unnamed result object of a named handler (`function getPerson`) is `GetPersonResult`. */
function resultNameOf(handler: AnyHandler | undefined): string {
  const n = handler?.name;
  return n && /^[A-Za-z_$][\w$]*$/.test(n) && n !== 'anonymous' ? `${pascal(n)}Result` : 'Result';
}

const methodDefs = new WeakMap<object, FunctionDef>();

/** The definition a decorated class method carries, if any. */
export function exposedMethod(fn: unknown): FunctionDef | undefined {
  return typeof fn === 'function' ? methodDefs.get(fn) : undefined;
}

type MethodDecorator<A extends Args, R extends AnySchema | undefined> = <This>(
  target: (this: This, args: ArgsOf<A>, ctx: CallContext) => Returned<ResultOf<R>>,
  context: ClassMethodDecoratorContext<This>,
) => void;

/**
 * Exposes a function.
 *
 * @example
 * const get = expose({ args: { id: t.integer() }, returns: Person }, ({ id }) => persons.get(id));
 */
export function expose<A extends Args = {}, R extends AnySchema | undefined = undefined, S extends boolean = false>(
  options: ExposeOptions<A, R, S>,
  handler: Handler<A, R>,
): FunctionDef<A, R, NoInfer<S>>;
/**
 * Declares a function whose handler is bound later by name (`implement`), as the EDL compiler's
 * models are: serving an API that still lacks handlers is a start-up error naming them all.
 *
 * @example
 * const get = expose({ args: { id: t.integer() }, returns: Person, path: '{id}', method: 'GET' });
 */
export function expose<A extends Args = {}, R extends AnySchema | undefined = undefined, S extends boolean = false>(
  options: ExposeOptions<A, R, S>,
): FunctionDef<A, R, NoInfer<S>>;
/**
 * Exposes a class method (standard decorator), WSME style: `@expose(Person, { args: { id: t.integer() } })`.
 * The method receives the argument object and the call context.
 */
export function expose<R extends AnySchema | undefined = undefined, A extends Args = {}>(returns?: R, options?: FunctionOptions<A>): MethodDecorator<A, R>;
export function expose(a?: unknown, b?: unknown): FunctionDef | MethodDecorator<Args, AnySchema | undefined> {
  if (typeof b === 'function') {
    return makeDef(a as ExposeOptions<Args, TSchema>, b as AnyHandler);
  }
  // One argument that is an options object, not a schema: a declaration without its handler.
  const isSchema = (v: unknown) => (typeof v === 'object' && v !== null && Kind in v) || isStandardSchema(v);
  if (b === undefined && typeof a === 'object' && a !== null && !isSchema(a)) return makeDef(a as ExposeOptions<Args, TSchema>, undefined);
  if (a !== undefined && !isSchema(a)) {
    throw new TypeError('expose: give (options, handler) for a function, or (returnSchema, options) as a decorator');
  }
  const returns = a as AnySchema | undefined;
  const options = (b ?? {}) as FunctionOptions<Args>;
  return (target, context) => {
    if (context.kind !== 'method') throw new TypeError('@expose decorates methods');
    // Controllers read exposed methods from the prototype, where private ones never are.
    if (context.private || context.static) throw new TypeError(`@expose cannot expose the private or static method ${String(context.name)}`);
    const resultName = typeof context.name === 'string' ? `${pascal(context.name)}Result` : undefined;
    methodDefs.set(target, makeDef({ ...options, returns }, target as AnyHandler, resultName));
  };
}
