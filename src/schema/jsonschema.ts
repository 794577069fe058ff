/**
 * JSON Schema (draft 7, as OpenRPC uses) of argument and result schemas, written from the
 * shapes the codecs use — so the document says what the JSON codec really reads and writes
 * (int64 as an integer, binary as base64 text) rather than TypeBox's internal kinds. Named
 * complex types and named enums go to `components.schemas` once and are referenced by `$ref`;
 * two different types of one name get distinct keys.
 */
import type { TSchema } from '@sinclair/typebox';
import { shapeOf } from './describe.ts';

export type JsonSchema = { [key: string]: unknown };

/** Annotations and bounds carried over as they are (they are JSON Schema already). */
const KEPT = [
  'description',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'pattern',
  'minItems',
  'maxItems',
] as const;

export class JsonSchemaWriter {
  /** The named types met so far, by component key. */
  readonly components: Record<string, JsonSchema> = {};
  private readonly keys = new Map<TSchema, string>();

  /** `int64`: how the described wire carries 64-bit integers (`string` where the JSON encoder is told so). */
  constructor(private readonly int64: 'number' | 'string' = 'number') {}

  /** The JSON Schema of `s`, with `$ref`s into `components`. */
  write(s: TSchema): JsonSchema {
    const shape = shapeOf(s);
    switch (shape.k) {
      case 'string':
        // A format the model has no kind for (`email`, `uuid`, from a Standard Schema) is said as it is.
        return annotate(s, typeof s.format === 'string' ? { type: 'string', format: s.format } : { type: 'string' });
      case 'integer':
        return annotate(s, { type: 'integer' });
      case 'number':
        return annotate(s, { type: 'number' });
      case 'int64':
        return annotate(s, this.int64 === 'string' ? { type: 'string', format: 'int64' } : { type: 'integer', format: 'int64' });
      case 'boolean':
        return annotate(s, { type: 'boolean' });
      case 'decimal':
        return annotate(s, { type: 'string', format: 'decimal' });
      case 'date':
        return annotate(s, { type: 'string', format: 'date' });
      case 'time':
        return annotate(s, { type: 'string', format: 'time' });
      case 'datetime':
        return annotate(s, { type: 'string', format: 'date-time' });
      case 'binary':
        return annotate(s, { type: 'string', contentEncoding: 'base64' });
      case 'enum': {
        const body = annotate(s, { type: typeof shape.values[0] === 'number' ? 'integer' : 'string', enum: [...shape.values] });
        return shape.name ? this.named(s, shape.name, () => body) : body;
      }
      case 'array':
        return annotate(s, { type: 'array', items: this.write(shape.items) });
      case 'dict':
        return annotate(s, { type: 'object', additionalProperties: this.write(shape.values) });
      case 'nullable':
        return { oneOf: [this.write(shape.inner), { type: 'null' }] };
      case 'null':
        return { type: 'null' };
      case 'any':
        return annotate(s, {});
      case 'complex':
        return this.named(s, shape.name, () => {
          const properties: Record<string, JsonSchema> = {};
          const required: string[] = [];
          for (const f of shape.fields) {
            properties[f.name] = this.write(f.schema);
            if (f.required) required.push(f.name);
          }
          const out: JsonSchema = { title: shape.name, type: 'object', properties };
          if (required.length > 0) out.required = required;
          out.additionalProperties = false;
          return annotate(s, out);
        });
    }
  }

  private named(s: TSchema, name: string, body: () => JsonSchema): JsonSchema {
    let key = this.keys.get(s);
    if (key === undefined) {
      const base = name.replace(/[^a-zA-Z0-9._-]/g, '_') || 'Type';
      key = base;
      for (let n = 2; key in this.components; n++) key = `${base}_${n}`;
      this.keys.set(s, key);
      this.components[key] = {}; // reserved first: a recursive type refers to itself
      this.components[key] = body();
    }
    return { $ref: `#/components/schemas/${key}` };
  }
}

function annotate(s: TSchema, out: JsonSchema): JsonSchema {
  for (const k of KEPT) if (s[k] !== undefined) out[k] = s[k];
  if (s.default !== undefined) out.default = typeof s.default === 'bigint' ? s.default.toString() : s.default;
  return out;
}
