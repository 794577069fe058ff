/**
 * Standard Schema values (https://standardschema.dev — Zod 4, Valibot 1, ArkType…) at the
 * boundary: detected by their `~standard` property and converted once, at declaration,
 * through their JSON Schema output into the model's schemas (`jsonschema-import.ts`). The
 * function's definition keeps the source (`FunctionDef.standard`), so the runtime can also run
 * the library's own `validate` (refinements, defaults and transforms JSON Schema cannot say).
 */
import { Kind, type TSchema, type TUnsafe, Type } from '@sinclair/typebox';
import { importJsonSchema, Unrepresentable } from './jsonschema-import.ts';
import { standardJsonSchema } from './standard-json.ts';

/** The Standard Schema v1 interface, as far as Switchboard reads it (the spec's own types). */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly '~standard': StandardSchemaV1.Props<Input, Output>;
}

export declare namespace StandardSchemaV1 {
  interface Props<Input = unknown, Output = Input> {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (value: unknown, options?: { readonly libraryOptions?: Record<string, unknown> }) => Result<Output> | Promise<Result<Output>>;
    readonly types?: { readonly input: Input; readonly output: Output } | undefined;
  }
  type Result<Output> = { readonly value: Output; readonly issues?: undefined } | { readonly issues: ReadonlyArray<Issue> };
  interface Issue {
    readonly message: string;
    readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined;
  }
  type InferInput<S extends StandardSchemaV1> = NonNullable<S['~standard']['types']>['input'];
  type InferOutput<S extends StandardSchemaV1> = NonNullable<S['~standard']['types']>['output'];
}

/** True for a Standard Schema value (and not a TypeBox schema). */
export function isStandardSchema(v: unknown): v is StandardSchemaV1 {
  if ((typeof v !== 'object' && typeof v !== 'function') || v === null || Kind in v) return false;
  const props = (v as { '~standard'?: { version?: unknown; validate?: unknown } })['~standard'];
  return typeof props === 'object' && props !== null && props.version === 1 && typeof props.validate === 'function';
}

/** What could not be converted: kept in place of the schema until the API is compiled. */
export interface UnrepresentableInfo {
  readonly vendor: string;
  /** The construct, e.g. `a tuple (prefixItems)`. */
  readonly construct: string;
  /** Where below the argument or result, e.g. `.coords`; empty at its top. */
  readonly at: string;
}

/**
 * Why a Standard Schema could not be converted, when the schema stands for one that could not.
 * Read from the stand-in itself, not a module's map: the declaration and the compiler may be
 * two copies of the package (sources and `dist`).
 */
export function unrepresentableOf(s: TSchema): UnrepresentableInfo | undefined {
  return s[Kind] === 'Unrepresentable' ? (s.unrepresentable as UnrepresentableInfo) : undefined;
}

export interface FromStandardOptions {
  /**
   * The name of a complex type the JSON Schema does not name (no `title`, no id): usually the
   * argument's, in PascalCase. Nested objects add their property's name (`PersonAddress`).
   */
  readonly name?: string;
  /** Convert what a caller sends (`input`, for arguments) or what a handler returns (`output`, for results). */
  readonly io?: 'input' | 'output';
}

/**
 * The model schema of a Standard Schema: its JSON Schema read into `t` schemas. A schema that
 * cannot be represented gives a stand-in that compiling an API reports as
 * `SB_DECL_UNREPRESENTABLE_SCHEMA`, naming the function, the place and the construct.
 */
export function fromStandard(schema: StandardSchemaV1, o: FromStandardOptions = {}): TSchema {
  const vendor = schema['~standard'].vendor;
  const io = o.io ?? 'input';
  let out: TSchema;
  try {
    out = importJsonSchema(standardJsonSchema(schema, io), { name: o.name ?? 'Object' });
    if (io === 'input' && !('default' in out) && acceptsUndefined(schema)) out = Type.Optional(out);
  } catch (err) {
    if (!(err instanceof Unrepresentable)) throw err;
    const unrepresentable: UnrepresentableInfo = { vendor, construct: err.construct, at: err.at };
    return Type.Unsafe<never>({ [Kind]: 'Unrepresentable', unrepresentable });
  }
  return out;
}

/** A schema where a `t` builder takes one: a model schema, or a Standard Schema converted in place. */
export type SchemaLike = TSchema | StandardSchemaV1;

/** The model schema a `SchemaLike` stands for, at the type level (a Standard Schema by its output type). */
export type ModelOf<S> = S extends TSchema ? S : S extends StandardSchemaV1 ? TUnsafe<StandardSchemaV1.InferOutput<S>> : never;

/**
 * A Standard Schema inside a `t` schema (`t.array(z.email())`, a Valibot object as a member of
 * `t.complex`): converted here, once. The library's own `validate` runs only for a whole
 * argument, so a nested schema must mean the same going in as coming out — a transform there is
 * unrepresentable — and the model's checks (types, bounds, patterns, formats) are what apply.
 */
export function nestedModel<S extends SchemaLike>(s: S, name: string): ModelOf<S> {
  if (!isStandardSchema(s)) return s as ModelOf<S>;
  const vendor = s['~standard'].vendor;
  try {
    // The output side must convert too: a transform's result is the library's, which does not run here.
    standardJsonSchema(s, 'output');
    return importJsonSchema(standardJsonSchema(s, 'input'), { name }) as ModelOf<S>;
  } catch (err) {
    if (!(err instanceof Unrepresentable)) throw err;
    const unrepresentable: UnrepresentableInfo = { vendor, construct: err.construct, at: err.at };
    return Type.Unsafe<never>({ [Kind]: 'Unrepresentable', unrepresentable }) as unknown as ModelOf<S>;
  }
}

/** An argument the library accepts as absent (`.optional()`, `v.optional`) is optional. */
function acceptsUndefined(schema: StandardSchemaV1): boolean {
  try {
    const r = schema['~standard'].validate(undefined);
    return !(r instanceof Promise) && r.issues === undefined;
  } catch {
    return false;
  }
}
