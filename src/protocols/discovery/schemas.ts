/**
 * Schemas as Google's discovery documents write them (JSON Schema draft 3, as Cloud Endpoints
 * emits): named types by their bare id (`{"$ref": "Person"}`), 64-bit integers as strings with
 * `format: int64` (as Google does), binary as `format: byte`, decimals and times as strings.
 * Nullable is the inner type (draft 3 has no `null` union), `any` is `type: any`.
 */
import type { TSchema } from '@sinclair/typebox';
import { shapeOf } from '../../schema/describe.ts';

export type GoogleSchema = { [key: string]: unknown };

export class GoogleSchemaWriter {
  /** The named types met so far, by id. */
  readonly schemas: Record<string, GoogleSchema> = {};
  private readonly ids = new Map<TSchema, string>();

  /** The schema of `s`, named types by `$ref`. */
  write(s: TSchema): GoogleSchema {
    const shape = shapeOf(s);
    const out = ((): GoogleSchema => {
      switch (shape.k) {
        case 'string':
          return { type: 'string' };
        case 'integer':
          return { type: 'integer', format: 'int32' };
        case 'number':
          return { type: 'number', format: 'double' };
        case 'int64':
          return { type: 'string', format: 'int64' };
        case 'boolean':
          return { type: 'boolean' };
        case 'decimal':
          return { type: 'string', description: 'A decimal number, as text.' };
        case 'date':
          return { type: 'string', format: 'date' };
        case 'time':
          return { type: 'string', description: 'A time of day, hh:mm:ss.' };
        case 'datetime':
          return { type: 'string', format: 'date-time' };
        case 'binary':
          return { type: 'string', format: 'byte' };
        case 'enum': {
          const body = { type: 'string', enum: shape.values.map(String) };
          return shape.name ? this.named(s, shape.name, () => body) : body;
        }
        case 'array':
          return { type: 'array', items: this.write(shape.items) };
        case 'dict':
          return { type: 'object', additionalProperties: this.write(shape.values) };
        case 'nullable':
          return this.write(shape.inner);
        case 'null':
        case 'any':
          return { type: 'any' };
        case 'complex':
          return this.named(s, shape.name, () => {
            const properties: Record<string, GoogleSchema> = {};
            for (const f of shape.fields) properties[f.name] = f.required ? { ...this.write(f.schema), required: true } : this.write(f.schema);
            return { type: 'object', properties };
          });
      }
    })();
    if (typeof s.description === 'string' && out.$ref === undefined) out.description = s.description;
    return out;
  }

  /** Adds a schema of its own (a request or response wrapper) under a free id like `base`; its `$ref`. */
  add(base: string, schema: GoogleSchema): GoogleSchema {
    const id = this.freeId(base);
    this.schemas[id] = { id, ...schema };
    return { $ref: id };
  }

  private named(s: TSchema, name: string, body: () => GoogleSchema): GoogleSchema {
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.freeId(name);
      this.ids.set(s, id);
      this.schemas[id] = { id }; // reserved first: a recursive type refers to itself
      this.schemas[id] = { id, ...body() };
    }
    return { $ref: id };
  }

  private freeId(name: string): string {
    const base = name.replace(/[^a-zA-Z0-9_]/g, '_') || 'Type';
    let id = base;
    for (let n = 2; id in this.schemas; n++) id = `${base}${n}`;
    return id;
  }
}
