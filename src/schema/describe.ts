/**
 * Reads a TypeBox schema into the small closed set of shapes the codecs understand. Every
 * codec (JSON, text/form, XML) and document generator (JSON Schema, XSD) switches on this.
 */
import { Hint, Kind, OptionalKind, type TSchema } from '@sinclair/typebox';

export type Shape =
  | { k: 'string'; s: TSchema; minLength?: number; maxLength?: number; pattern?: RegExp }
  | { k: 'integer'; s: TSchema }
  | { k: 'number'; s: TSchema }
  | { k: 'int64'; s: TSchema }
  | { k: 'boolean'; s: TSchema }
  | { k: 'decimal'; s: TSchema }
  | { k: 'date'; s: TSchema }
  | { k: 'time'; s: TSchema }
  | { k: 'datetime'; s: TSchema }
  | { k: 'binary'; s: TSchema }
  | { k: 'enum'; s: TSchema; values: readonly (string | number)[]; name?: string }
  | { k: 'array'; s: TSchema; items: TSchema }
  | { k: 'dict'; s: TSchema; values: TSchema }
  | { k: 'nullable'; s: TSchema; inner: TSchema }
  | { k: 'complex'; s: TSchema; name: string; fields: readonly Field[] }
  | { k: 'null'; s: TSchema }
  | { k: 'any'; s: TSchema };

export interface Field {
  readonly name: string;
  readonly schema: TSchema;
  readonly required: boolean;
  /**
   * Named like a member of `Object.prototype` (`constructor`, `toString`…): read
   * only as an own property, never as what every object inherits (see `fieldValue`).
   */
  readonly ownOnly: boolean;
}

/** A field's value in an object: getters of a class instance count, `Object.prototype` does not. */
export function fieldValue(o: Record<string, unknown>, f: Pick<Field, 'name' | 'ownOnly'>): unknown {
  return f.ownOnly && !Object.hasOwn(o, f.name) ? undefined : o[f.name];
}

const cache = new WeakMap<TSchema, Shape>();

/** The shape of a schema; throws at registration for schemas Switchboard cannot carry. */
export function shapeOf(s: TSchema): Shape {
  let shape = cache.get(s);
  if (!shape) {
    shape = read(s);
    cache.set(s, shape);
  }
  return shape;
}

/** The self-references (`This`) inside recursive types, each bound to its recursive type. */
const selfRefs = new WeakMap<TSchema, TSchema>();

function bindSelfRefs(root: TSchema, node: unknown, seen: Set<unknown>): void {
  if (typeof node !== 'object' || node === null || seen.has(node)) return;
  seen.add(node);
  const s = node as TSchema;
  if (s[Kind] === 'This' && s.$ref === root.$id) selfRefs.set(s, root);
  for (const child of Object.values(s)) bindSelfRefs(root, child, seen);
}

function read(s: TSchema): Shape {
  const kind = s[Kind] as string | undefined;
  if (s[Hint] === 'Recursive') bindSelfRefs(s, s, new Set());
  if (kind === 'This') {
    const root = selfRefs.get(s);
    if (root) return shapeOf(root);
  }
  if (Array.isArray(s.enum)) return { k: 'enum', s, values: s.enum, name: s.$id };
  switch (kind) {
    case 'String':
      switch (s.format) {
        case 'decimal':
          return { k: 'decimal', s };
        case 'date':
          return { k: 'date', s };
        case 'time':
          return { k: 'time', s };
        case 'date-time':
          return { k: 'datetime', s };
        default:
          return {
            k: 'string',
            s,
            minLength: s.minLength,
            maxLength: s.maxLength,
            pattern: typeof s.pattern === 'string' ? new RegExp(`^(?:${s.pattern})$`, 'u') : undefined,
          };
      }
    case 'Integer':
      return { k: 'integer', s };
    case 'Number':
      return { k: 'number', s };
    case 'BigInt':
      return { k: 'int64', s };
    case 'Boolean':
      return { k: 'boolean', s };
    case 'Uint8Array':
      return { k: 'binary', s };
    case 'Null':
      return { k: 'null', s };
    case 'Array':
      return { k: 'array', s, items: s.items as TSchema };
    case 'Record': {
      const values = Object.values(s.patternProperties as Record<string, TSchema>)[0];
      return { k: 'dict', s, values };
    }
    case 'Literal':
      // A plain TypeBox literal is a one-value enum.
      if (typeof s.const === 'string' || typeof s.const === 'number') return { k: 'enum', s, values: [s.const] };
      break;
    case 'Union': {
      const members = s.anyOf as TSchema[];
      // A union of string or number literals (`Type.Union([Type.Literal('a'), …])`) is an enum.
      if (members.every((m) => m[Kind] === 'Literal' && (typeof m.const === 'string' || typeof m.const === 'number'))) {
        return { k: 'enum', s, values: members.map((m) => m.const as string | number), name: s.$id };
      }
      const rest = members.filter((m) => m[Kind] !== 'Null');
      if (members.length === 2 && rest.length === 1) return { k: 'nullable', s, inner: rest[0] };
      break;
    }
    case 'Object': {
      const props = s.properties as Record<string, TSchema>;
      const required = new Set<string>((s.required as string[] | undefined) ?? []);
      const fields = Object.entries(props).map(([name, schema]) => ({
        name,
        schema,
        required: required.has(name) && schema[OptionalKind] !== 'Optional',
        ownOnly: name in Object.prototype,
      }));
      return { k: 'complex', s, name: (s.$id as string | undefined) ?? (s.title as string | undefined) ?? 'Object', fields };
    }
    case 'Unknown':
    case 'Any':
      return { k: 'any', s };
  }
  throw new TypeError(`Switchboard cannot carry a schema of kind ${String(kind)}`);
}
