/**
 * The JSON Schema of a Standard Schema, from the library that wrote it: its Standard JSON
 * Schema methods (`~standard.jsonSchema`, which Zod 4 has; Zod is asked to name where a
 * construct has no JSON Schema), or Valibot's `toJsonSchema` from `@valibot/to-json-schema`,
 * loaded only when a Valibot schema is declared.
 */
import { Unrepresentable } from './jsonschema-import.ts';
import type { StandardSchemaV1 } from './standard.ts';

type Json = Record<string, unknown>;
type Converter = {
  readonly input: (o: { target: string; libraryOptions?: Json }) => Json;
  readonly output: (o: { target: string; libraryOptions?: Json }) => Json;
};
type ValibotToJson = (schema: unknown, config: Json) => Json;

/** The JSON Schema (draft 2020-12 or draft 7) of the input or output side of `schema`. */
export function standardJsonSchema(schema: StandardSchemaV1, io: 'input' | 'output'): Json {
  const props = schema['~standard'];
  const converter = (props as { jsonSchema?: Converter }).jsonSchema;
  try {
    if (converter && typeof converter[io] === 'function') {
      return converter[io]({ target: 'draft-2020-12', libraryOptions: props.vendor === 'zod' ? zodOptions : undefined });
    }
    if (props.vendor === 'valibot') return valibotToJson()(schema, { typeMode: io, errorMode: 'throw', overrideAction: valibotAction });
  } catch (err) {
    if (err instanceof Unrepresentable) throw err;
    throw new Unrepresentable((err as Error).message.replace(/\.$/, ''), '');
  }
  throw new Unrepresentable(`a ${props.vendor} schema, which has no JSON Schema output (no ~standard.jsonSchema)`, '');
}

/** Zod names the place of a construct JSON Schema lacks (a transform, a bigint, a Date…). */
const zodOptions: Json = {
  cycles: 'ref',
  reused: 'inline',
  unrepresentable: (ctx: { path: (string | number)[]; message: string }) => {
    throw new Unrepresentable(ctx.message.replace(/\.$/, ''), jsonPath(ctx.path));
  },
};

/** `['properties', 'a', 'items']` → `.a[]`. */
function jsonPath(path: readonly (string | number)[]): string {
  let out = '';
  for (let i = 0; i < path.length; i++) {
    const p = path[i];
    if (p === 'properties' && i + 1 < path.length) out += `.${String(path[++i])}`;
    else if (p === 'items' || p === 'additionalProperties') out += p === 'items' ? '[]' : '{}';
  }
  return out;
}

/**
 * A validation JSON Schema cannot say (`v.check`, a second regex) is left to Valibot's own
 * `validate`, which runs after the model's; a transformation still cannot be represented.
 * Valibot's `isoDateTime` and `isoTime` are minutes (`hh:mm`), which `xs:dateTime` and `xs:time`
 * are not: they stay plain strings, their own check still applies.
 */
function valibotAction(ctx: { valibotAction: { type: string; kind?: string }; jsonSchema: Json; errors?: readonly string[] }): Json | undefined {
  const { type, kind } = ctx.valibotAction;
  if (type === 'iso_date_time' || type === 'iso_time') return { ...ctx.jsonSchema, format: `valibot-${type}` };
  if (kind === 'validation' && ctx.errors && ctx.errors.length > 0) return ctx.jsonSchema;
  return undefined;
}

let valibot: ValibotToJson | undefined;

function valibotToJson(): ValibotToJson {
  if (valibot) return valibot;
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const mod = proc?.getBuiltinModule?.('node:module') as { createRequire(url: string): (id: string) => unknown } | undefined;
  let loaded: { toJsonSchema?: ValibotToJson } | undefined;
  try {
    loaded = mod?.createRequire(import.meta.url)('@valibot/to-json-schema') as { toJsonSchema?: ValibotToJson };
  } catch {
    loaded = undefined;
  }
  if (!mod)
    throw new Unrepresentable('a valibot schema, whose JSON Schema needs process.getBuiltinModule (Node 20.16 or later) to load @valibot/to-json-schema', '');
  if (typeof loaded?.toJsonSchema !== 'function') {
    throw new Unrepresentable('a valibot schema, whose JSON Schema needs the package @valibot/to-json-schema (npm install @valibot/to-json-schema)', '');
  }
  valibot = loaded.toJsonSchema;
  return valibot;
}
