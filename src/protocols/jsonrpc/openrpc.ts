/**
 * The OpenRPC 1.3 document that `rpc.discover` returns: every function as a method named by
 * its dotted path, its arguments as params (by name or by position) with their JSON Schema,
 * its result, and its documentation.
 */
import type { Api, FunctionEntry } from '../../runtime/compile.ts';
import { type JsonSchema, JsonSchemaWriter } from '../../schema/jsonschema.ts';

export const OPENRPC_VERSION = '1.3.2';

export interface OpenRpcInfo {
  /** `info.version` (the API's version; the model has none yet). */
  readonly version: string;
  /** The endpoint's URL, relative to the server (`/ws/jsonrpc`). */
  readonly url: string;
}

export function openRpcDocument(api: Api, info: OpenRpcInfo): JsonSchema {
  const schemas = new JsonSchemaWriter();
  const methods: JsonSchema[] = api.functions.map((fn) => method(fn, schemas));
  methods.push({
    name: 'rpc.discover',
    description: 'Returns this OpenRPC document.',
    params: [],
    result: { name: 'OpenRPC document', schema: { type: 'object' } },
  });
  const doc: JsonSchema = {
    openrpc: OPENRPC_VERSION,
    info: api.root.doc ? { title: api.root.name, description: api.root.doc, version: info.version } : { title: api.root.name, version: info.version },
    servers: [{ name: api.root.name, url: info.url }],
    methods,
  };
  if (Object.keys(schemas.components).length > 0) doc.components = { schemas: schemas.components };
  return doc;
}

function method(fn: FunctionEntry, schemas: JsonSchemaWriter): JsonSchema {
  const params = fn.args.map((a) => {
    const schema = schemas.write(a.schema);
    const p: JsonSchema = { name: a.name, required: a.required, schema };
    if (typeof a.schema.description === 'string') p.description = a.schema.description;
    return p;
  });
  const out: JsonSchema = { name: fn.name };
  if (fn.def.doc) out.description = fn.def.doc;
  out.params = params;
  out.result = { name: 'result', schema: fn.returns ? schemas.write(fn.returns) : { type: 'null' } };
  out.paramStructure = 'either';
  return out;
}
