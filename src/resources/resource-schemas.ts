/**
 * The schemas a resource derives from its record schema: the patch body (every field
 * optional), one page of a list (both page forms), one change of a subscription, and a field's
 * own schema as an argument (required, not nullable).
 */
import { OptionalKind, type TObject, type TSchema, Type } from '@sinclair/typebox';
import { shapeOf } from '../schema/describe.ts';
import { t } from '../schema/index.ts';

/** A field's schema without its optional modifier (and, unless `keepNull`, without `null`). */
export function fieldSchema(schema: TObject, field: string, keepNull = false): TSchema {
  const { [OptionalKind]: _optional, ...rest } = schema.properties[field] as TSchema & { [OptionalKind]?: string };
  const s = rest as TSchema;
  const shape = shapeOf(s);
  return !keepNull && shape.k === 'nullable' ? shape.inner : s;
}

/** The schema's name (its `$id`), or `fallback`. */
export function nameOf(schema: TObject, fallback: string): string {
  return typeof schema.$id === 'string' ? schema.$id : fallback;
}

/** Every field optional: the body of a partial update. */
export function patchSchema(schema: TObject, name: string): TObject {
  const props: Record<string, TSchema> = {};
  for (const key of Object.keys(schema.properties)) props[key] = Type.Optional(fieldSchema(schema, key, true));
  return Type.Object(props, { $id: `${name}Patch`, additionalProperties: false });
}

/** One page: `{count, results, limit, offset}` (limit/offset) or `{items, nextPageToken}` (cursor). */
export function pageSchema(out: TSchema, name: string) {
  return t.complex(`${name}Page`, {
    count: t.integer(),
    results: t.array(out),
    limit: t.integer(),
    offset: t.integer(),
    items: t.array(out),
    nextPageToken: t.string(),
  });
}

/** One change: `{action, pk, data}`; `resync` alone says "read the collection again". */
export function changeSchema(out: TSchema, key: TSchema, name: string) {
  return t.complex(
    `${name}Change`,
    { action: t.enum(['created', 'updated', 'deleted', 'resync'] as const, { name: `${name}ChangeAction` }), pk: key, data: out },
    { mandatory: ['action'] },
  );
}
