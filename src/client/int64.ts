/**
 * int64 without rounding: a result's 64-bit integers, whether the wire carried a number or a
 * string (Google-style APIs below `/_ah/api/`), become bigints, where the function's result
 * schema says `format: int64`. The schemas are the API's own OpenAPI document's
 * (`<base>/openapi.json`, fetched once per client, shared by every transport); without it,
 * values stay as parsed (an integer beyond 2^53 as its digits, never a rounded number).
 */
type Schema = { [key: string]: unknown };
type Doc = {
  paths?: Record<string, Record<string, { 'x-switchboard-function'?: string; responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> }>>;
  components?: { schemas?: Record<string, Schema> };
};

/** Deepest schema nesting followed (a recursive type's values are bounded by what arrived anyway). */
const MAX_DEPTH = 64;

export class Int64Revival {
  private loaded: Promise<{ results: Map<string, Schema>; items: Map<string, Schema>; components: Record<string, Schema> } | undefined> | undefined;

  constructor(private readonly load: () => Promise<unknown>) {}

  /** `value`, a result of `name` (or an item of its stream), with its int64 values as bigints. */
  async revive(name: string, value: unknown, item: boolean): Promise<unknown> {
    if (value === null || value === undefined || typeof value === 'boolean') return value;
    const schemas = await this.schemas();
    const schema = schemas && (item ? schemas.items : schemas.results).get(name);
    return schema ? walk(value, schema, schemas.components, 0) : value;
  }

  private schemas() {
    this.loaded ??= this.load().then(
      (doc) => index(doc as Doc),
      () => undefined,
    );
    return this.loaded;
  }
}

function index(doc: Doc) {
  const results = new Map<string, Schema>();
  const items = new Map<string, Schema>();
  for (const item of Object.values(doc.paths ?? {})) {
    for (const op of Object.values(item)) {
      const name = op['x-switchboard-function'];
      if (!name || results.has(name) || items.has(name)) continue;
      for (const [status, r] of Object.entries(op.responses ?? {})) {
        if (!/^2/.test(status)) continue;
        // A stream's schema is the list of its items, each one event's data (see openapi/document.ts).
        const stream = r.content?.['text/event-stream']?.schema?.items as Schema | undefined;
        const json = r.content?.['application/json']?.schema;
        if (stream) items.set(name, stream);
        else if (json) results.set(name, json);
        break;
      }
    }
  }
  return { results, items, components: doc.components?.schemas ?? {} };
}

function walk(v: unknown, s: Schema, components: Record<string, Schema>, depth: number): unknown {
  if (depth > MAX_DEPTH || v === null || v === undefined) return v;
  const ref = s.$ref;
  if (typeof ref === 'string') {
    const target = components[ref.slice(ref.lastIndexOf('/') + 1)];
    return target ? walk(v, target, components, depth + 1) : v;
  }
  if (Array.isArray(s.oneOf)) {
    const branch = (s.oneOf as Schema[]).find((b) => b.type !== 'null');
    return branch ? walk(v, branch, components, depth + 1) : v;
  }
  if (s.format === 'int64' && (typeof v === 'number' || typeof v === 'string')) {
    try {
      return BigInt(v);
    } catch {
      return v;
    }
  }
  // A long integer literal where the schema says a plain number: quoted by the parser, a number again.
  if ((s.type === 'number' || s.type === 'integer') && typeof v === 'string' && /^-?\d+$/.test(v)) return Number(v);
  if (Array.isArray(v)) return s.items ? v.map((x) => walk(x, s.items as Schema, components, depth + 1)) : v;
  if (typeof v === 'object') {
    const props = s.properties as Record<string, Schema> | undefined;
    const extra = typeof s.additionalProperties === 'object' ? (s.additionalProperties as Schema) : undefined;
    if (!props && !extra) return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const p = props?.[k] ?? extra;
      out[k] = p ? walk(x, p, components, depth + 1) : x;
    }
    return out;
  }
  return v;
}
