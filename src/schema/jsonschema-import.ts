/**
 * JSON Schema (draft 7 or 2020-12, as Standard Schema libraries write it) read into the
 * model's `t` schemas: objects → named complex types, arrays, records → dicts, enums and
 * consts, `null` unions → nullable, formats `date`/`date-time` → date/datetime (`email`,
 * `uuid` and others stay strings with their format, checked by pattern), integers,
 * bounds, lengths and patterns, `$ref`s (a type that refers to itself → `t.recursive`).
 * Anything else — tuples, unions of different types, intersections, `not` — is
 * `Unrepresentable`, naming the construct and where it is.
 */
import { type TSchema, Type } from '@sinclair/typebox';
import { t } from './types.ts';

type Json = { readonly [key: string]: unknown };

/** A construct the model cannot represent, and where below the root (`.a[]`). */
export class Unrepresentable extends Error {
  constructor(
    readonly construct: string,
    readonly at: string,
  ) {
    super(at ? `${construct} (at ${at})` : construct);
    this.name = 'Unrepresentable';
  }
}

export interface ImportOptions {
  /** The name of the root's complex type when the JSON Schema gives none. */
  readonly name: string;
}

/** Converts a JSON Schema into a model schema; throws `Unrepresentable`. */
export function importJsonSchema(root: Json, o: ImportOptions): TSchema {
  return new Importer(root).readRoot(o.name);
}

const isJson = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const pascal = (s: string): string => s.replace(/(^|[^A-Za-z0-9]+)([A-Za-z0-9])/g, (_, _sep: string, c: string) => c.toUpperCase()) || 'Type';

/** Complex types converted before, by name and JSON text: the same type is one schema (one XSD type). */
const shared = new Map<string, TSchema>();
const SHARED_MAX = 10_000;

class Importer {
  private readonly defs: Record<string, Json>;
  /** Recursive definitions being read, with their self-reference. */
  private readonly open = new Map<string, TSchema>();
  private readonly selfRef = new Map<string, boolean>();

  constructor(private readonly root: Json) {
    this.defs = { ...((root.definitions as Record<string, Json>) ?? {}), ...((root.$defs as Record<string, Json>) ?? {}) };
  }

  /** The root; one that refers to itself (`$ref: '#'`, Zod's unnamed recursion) is a recursive type. */
  readRoot(name: string): TSchema {
    return this.refersToItself('#') ? this.ref('#', name, '') : this.read(this.root, name, '');
  }

  read(node: unknown, name: string, at: string): TSchema {
    if (node === true) return t.any();
    if (node === false) throw new Unrepresentable('a schema no value matches (false, z.never())', at);
    if (!isJson(node)) throw new Unrepresentable('a schema that is not an object', at);
    const s = this.readNode(node, name, at);
    return typeof node.description === 'string' && s.description === undefined ? { ...s, description: node.description } : s;
  }

  private readNode(n: Json, name: string, at: string): TSchema {
    const title = typeof n.title === 'string' ? n.title : undefined;
    const own = title ?? name;
    if (typeof n.$ref === 'string') return this.ref(n.$ref, own, at);
    if (n.not !== undefined) throw new Unrepresentable('a negation (not)', at);
    if (n.if !== undefined) throw new Unrepresentable('a conditional (if/then/else)', at);
    if (Array.isArray(n.allOf)) {
      if (n.allOf.length === 1) return this.read(n.allOf[0], own, at);
      throw new Unrepresentable('an intersection (allOf)', at);
    }
    const union = (n.anyOf ?? n.oneOf) as unknown[] | undefined;
    if (Array.isArray(union)) return this.union(union, own, at);
    if (Array.isArray(n.type)) return this.typeList(n, n.type as unknown[], own, at);
    if ('const' in n) return this.values([n.const], n, at);
    if (Array.isArray(n.enum)) return this.values(n.enum, n, at);
    switch (n.type) {
      case 'string':
        return this.string(n, at);
      case 'integer': {
        // Zod's `z.int()` states the safe-integer range, which every model integer has.
        const o = numberOptions(n);
        if (o.minimum === Number.MIN_SAFE_INTEGER) delete o.minimum;
        if (o.maximum === Number.MAX_SAFE_INTEGER) delete o.maximum;
        return t.integer(o);
      }
      case 'number':
        return t.number(numberOptions(n));
      case 'boolean':
        return t.boolean(withDefault(n, 'boolean'));
      case 'null':
        return Type.Null();
      case 'array':
        return this.array(n, own, at);
      case 'object':
        return this.object(n, own, at);
      case undefined:
        if (isJson(n.properties)) return this.object(n, own, at);
        return t.any(typeof n.description === 'string' ? { description: n.description } : {});
    }
    throw new Unrepresentable(`the JSON Schema type ${JSON.stringify(n.type)}`, at);
  }

  private ref(ref: string, context: string, at: string): TSchema {
    const m = /^#\/(?:\$defs|definitions)\/(.+)$/.exec(ref);
    const key = ref === '#' ? '#' : m ? decodeURIComponent(m[1].replace(/~1/g, '/').replace(/~0/g, '~')) : undefined;
    const def = key === '#' ? this.root : key !== undefined ? this.defs[key] : undefined;
    if (key === undefined || def === undefined) throw new Unrepresentable(`the reference ${ref}, which is not a local definition`, at);
    // Zod names definitions it extracted itself `__schema0`: the place's name is better.
    const generated = key === '#' || /^__schema\d+$/.test(key);
    const name = (def.title as string | undefined) ?? (generated ? context : key);
    const self = this.open.get(key);
    if (self) return self;
    // The definition's key names its complex type or enum.
    const titled = typeof def.title === 'string' ? def : { ...def, title: name };
    if (!this.refersToItself(key)) return this.read(titled, name, at);
    return t.recursive(name, (This) => {
      this.open.set(key, This);
      try {
        return this.read(titled, name, at);
      } finally {
        this.open.delete(key);
      }
    });
  }

  /** Whether definition `key` reaches itself through `$ref`s. */
  private refersToItself(key: string): boolean {
    let known = this.selfRef.get(key);
    if (known !== undefined) return known;
    const seen = new Set<string>();
    const reaches = (node: unknown): boolean => {
      if (Array.isArray(node)) return node.some(reaches);
      if (!isJson(node)) return false;
      if (typeof node.$ref === 'string') {
        const m = /^#\/(?:\$defs|definitions)\/(.+)$/.exec(node.$ref);
        const k = node.$ref === '#' ? '#' : m?.[1];
        if (k === key) return true;
        if (k !== undefined && !seen.has(k)) {
          seen.add(k);
          if (reaches(k === '#' ? this.root : this.defs[k])) return true;
        }
      }
      return Object.entries(node).some(([k, v]) => k !== '$defs' && k !== 'definitions' && reaches(v));
    };
    known = reaches(key === '#' ? this.root : this.defs[key]);
    this.selfRef.set(key, known);
    return known;
  }

  private union(members: unknown[], name: string, at: string): TSchema {
    const isNull = (m: unknown) => isJson(m) && (m.type === 'null' || (m.const === null && m.type === undefined));
    const rest = members.filter((m) => !isNull(m));
    const nullable = rest.length < members.length;
    let inner: TSchema;
    if (rest.length === 1) inner = this.read(rest[0], name, at);
    else if (rest.length > 1 && rest.every((m) => isJson(m) && ('const' in m || Array.isArray(m.enum)))) {
      inner = this.values(
        rest.flatMap((m) => ('const' in (m as Json) ? [(m as Json).const] : ((m as Json).enum as unknown[]))),
        {},
        at,
      );
    } else if (rest.length === 0) return Type.Null();
    else throw new Unrepresentable(`a union of different types (anyOf of ${rest.length} members)`, at);
    return nullable ? t.nullable(inner) : inner;
  }

  private typeList(n: Json, types: unknown[], name: string, at: string): TSchema {
    const rest = types.filter((x) => x !== 'null');
    if (rest.length !== 1) throw new Unrepresentable(`a value of several types (${types.join(', ')})`, at);
    const inner = this.readNode({ ...n, type: rest[0] }, name, at);
    return rest.length < types.length ? t.nullable(inner) : inner;
  }

  private values(values: unknown[], n: Json, at: string): TSchema {
    const nullable = values.includes(null);
    const rest = values.filter((v) => v !== null);
    const strings = rest.every((v) => typeof v === 'string');
    const numbers = rest.every((v) => typeof v === 'number' && Number.isInteger(v));
    if (rest.length === 0 || !(strings || numbers)) {
      throw new Unrepresentable(`the literal values ${values.map((v) => JSON.stringify(v)).join(', ')} (only strings or only integers make an enum)`, at);
    }
    const named = typeof n.title === 'string' ? n.title : undefined;
    const e = t.enum(rest as (string | number)[], {
      ...(named ? { name: named } : {}),
      ...(typeof n.description === 'string' ? { description: n.description } : {}),
    });
    return nullable ? t.nullable(e) : e;
  }

  private string(n: Json, at: string): TSchema {
    const description = typeof n.description === 'string' ? n.description : undefined;
    const d = description === undefined ? {} : { description };
    // Only the formats whose values the model's own kinds agree with; others stay strings
    // (the library's own validation still checks them).
    if (n.format === 'date') return t.date(d);
    if (n.format === 'date-time') return t.datetime(d);
    // JSON Schema's `time` is RFC 3339's full-time (offset required); the model's is hh:mm:ss.
    if (n.format === 'time') throw new Unrepresentable("a time with an offset (format 'time'); the model's time is hh:mm:ss", at);
    const o: { minLength?: number; maxLength?: number; pattern?: string; description?: string; default?: string } = { ...d };
    if (typeof n.minLength === 'number') o.minLength = n.minLength;
    if (typeof n.maxLength === 'number') o.maxLength = n.maxLength;
    if (typeof n.default === 'string') o.default = n.default;
    const format = typeof n.format === 'string' ? n.format : undefined;
    if (typeof n.pattern === 'string') o.pattern = wholePattern(n.pattern, at);
    // A format the model checks by pattern when the library gave none (Valibot writes only the format).
    else if (format !== undefined && format in FORMAT_PATTERNS) o.pattern = FORMAT_PATTERNS[format];
    const out = t.string(o);
    // The format stays for documents (OpenAPI's `format: email`).
    return format === undefined || format.startsWith('valibot-') ? out : { ...out, format };
  }

  private array(n: Json, name: string, at: string): TSchema {
    if (Array.isArray(n.prefixItems) || Array.isArray(n.items)) throw new Unrepresentable('a tuple (a list whose items have different types)', at);
    const items = n.items === undefined ? t.any() : this.read(n.items, name, `${at}[]`);
    const o: { minItems?: number; maxItems?: number } = {};
    if (typeof n.minItems === 'number') o.minItems = n.minItems;
    if (typeof n.maxItems === 'number') o.maxItems = n.maxItems;
    return t.array(items, o);
  }

  private object(n: Json, name: string, at: string): TSchema {
    const props = isJson(n.properties) ? n.properties : undefined;
    const extra = n.additionalProperties;
    if (props === undefined || Object.keys(props).length === 0) {
      if (isJson(extra) || extra === true || extra === undefined) {
        if (props === undefined || isJson(extra)) return t.dict(extra === undefined || extra === true ? t.any() : this.read(extra, name, `${at}{}`));
      }
    } else if (isJson(extra) && Object.keys(extra).length > 0) {
      throw new Unrepresentable('an object with both named properties and a schema for any others (catchall)', at);
    }
    if (n.patternProperties !== undefined) throw new Unrepresentable('an object with pattern properties', at);
    const cacheKey = this.open.size === 0 ? `${name}\u0000${JSON.stringify(n)}` : undefined;
    const known = cacheKey === undefined ? undefined : shared.get(cacheKey);
    if (known) return known;
    const required = new Set(Array.isArray(n.required) ? (n.required as string[]) : []);
    const fields: Record<string, TSchema> = {};
    for (const [key, value] of Object.entries(props ?? {})) fields[key] = this.read(value, `${name}${pascal(key)}`, `${at}.${key}`);
    const description = typeof n.description === 'string' ? n.description : undefined;
    const out = t.complex(name, fields, { mandatory: [...required].filter((k) => k in fields), ...(description ? { description } : {}) });
    if (cacheKey !== undefined && shared.size < SHARED_MAX) shared.set(cacheKey, out);
    return out;
  }
}

/** Whole-value patterns for formats the model has no kind of its own for. */
const FORMAT_PATTERNS: Record<string, string> = {
  uuid: '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}',
  email: '[^\\s@]+@[^\\s@]+\\.[^\\s@]+',
};

/** JSON Schema patterns search; the model's match the whole value. */
function wholePattern(p: string, at: string): string {
  const anchored = p.startsWith('^') && p.endsWith('$') && !p.endsWith('\\$');
  const whole = anchored ? p.slice(1, -1) : `[\\s\\S]*(?:${p})[\\s\\S]*`;
  try {
    new RegExp(`^(?:${whole})$`, 'u');
  } catch {
    throw new Unrepresentable(`the pattern /${p}/, which is not a Unicode regular expression`, at);
  }
  return whole;
}

function numberOptions(n: Json): {
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  description?: string;
  default?: number;
} {
  const o: Record<string, number | string> = {};
  for (const k of ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'default'] as const) if (typeof n[k] === 'number') o[k] = n[k];
  if (typeof n.description === 'string') o.description = n.description;
  return o;
}

function withDefault(n: Json, type: 'boolean'): { default?: boolean; description?: string } {
  const o: { default?: boolean; description?: string } = {};
  if (typeof n.default === type) o.default = n.default as boolean;
  if (typeof n.description === 'string') o.description = n.description;
  return o;
}

export { pascal };
