/**
 * The OpenAPI 3.1 document of an API's REST binding, written from the model: each function's
 * path template and verbs, its arguments where REST reads them (path, query, header, a body
 * member, the whole body), request bodies per content type (JSON, XML, form), its success
 * status and the statuses it declares with the fault schema, per-operation security from its
 * policy, documentation strings as descriptions, and named types as components. The schemas
 * are the ones the JSON codec really reads and writes (`schema/jsonschema.ts`), with the XML
 * codec's element names (`xml`: the `<result>` root, lists wrapped, their items `<item>`); a
 * stream's items are its event-stream schema; results are wrapped where REST+JSON nests them.
 */
import type { HttpMethod } from '../../api/binding.ts';
import type { ControllerDef } from '../../api/controller.ts';
import type { FunctionDef } from '../../api/expose.ts';
import type { Api, ArgSpec, FunctionEntry } from '../../runtime/compile.ts';
import { shapeOf } from '../../schema/describe.ts';
import { type JsonSchema, JsonSchemaWriter } from '../../schema/jsonschema.ts';
import { accessOf } from '../auth-policy.ts';
import { int64Wire } from '../endpoints-wire.ts';
import { FAULT_RESPONSE, FAULT_SCHEMA, faultComponents } from './fault.ts';

export const OPENAPI_VERSION = '3.1.0';
/** The operation's extension naming its function (`person.get`), whatever its `operationId`. */
export const FUNCTION = 'x-switchboard-function';
/** The operation's extension listing each argument's place: `[{name, in, key}]`. */
export const ARGUMENTS = 'x-switchboard-arguments';
/** The security scheme's key in `components.securitySchemes`. */
export const BEARER = 'bearer';

const JSON_TYPE = 'application/json';
const XML_TYPE = 'application/xml';
const FORM_TYPE = 'application/x-www-form-urlencoded';
const EVENT_STREAM = 'text/event-stream';
/** The media types REST reads and writes when a binding names none. */
const BODY_TYPES = [JSON_TYPE, XML_TYPE];

export interface OpenApiOptions {
  /** The server's URL: the API's public base (`http://host/ws`), or its base path alone (`/ws`). */
  readonly url: string;
  /** REST+JSON wraps results as `{"result": …}` (`restjson({ nest_result: true })`; default false). */
  readonly nestResult?: boolean;
}

const XML_TYPES = new Set([XML_TYPE, 'text/xml']);

/** The OpenAPI 3.1 document of `api`. */
export function openApiDocument(api: Api, options: OpenApiOptions): JsonSchema {
  // int64 as the REST+JSON wire carries it for this API (a string below /_ah/api/).
  const schemas = new JsonSchemaWriter(int64Wire(api));
  // The fault first: an API's own type named `Fault` gets another key, not this one.
  const faults = faultComponents(schemas);
  const paths: Record<string, Record<string, JsonSchema>> = {};
  let secured = false;
  for (const fn of api.functions) {
    const key = `/${fn.binding.path}`;
    paths[key] ??= {};
    const item = paths[key];
    const verbs = documentedVerbs(fn);
    verbs.forEach((verb, i) => {
      const op = operation(fn, verb, i === 0 ? fn.name : `${fn.name}.${verb.toLowerCase()}`, schemas, options.nestResult === true);
      item[verb.toLowerCase()] = op;
      if ((op.security as unknown[]).length > 0) secured = true;
    });
  }
  const root = api.root;
  const info: JsonSchema = { title: root.name, version: root.version ?? '1.0.0' };
  if (root.doc) info.description = root.doc;
  const components: JsonSchema = { ...faults };
  // The XML codec's element names: a list is wrapped, each of its items an `<item>`.
  for (const [name, schema] of Object.entries(schemas.components)) if (name !== FAULT_SCHEMA) xmlLists(schema, 0);
  components.schemas = schemas.components;
  if (secured) components.securitySchemes = { [BEARER]: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A bearer token.' } };
  return {
    openapi: OPENAPI_VERSION,
    info,
    servers: [{ url: options.url }],
    tags: tagsOf(api),
    paths,
    components,
  };
}

/**
 * The verbs documented for a function: every one it answers (WSME's GET and POST both), except
 * GET for one with a query argument OpenAPI cannot describe as WSME reads it (a dict, a list of
 * complex values) when another verb reads it from the body.
 */
function documentedVerbs(fn: FunctionEntry): readonly HttpMethod[] {
  const verbs = fn.binding.verbs;
  if (verbs.length < 2 || !verbs.includes('GET')) return verbs;
  const unfit = fn.args.some((a) => sourceIn(fn, a, 'GET') === 'query' && !queryable(a) && flatFields(a.schema, a.name, 0) === undefined);
  return unfit ? verbs.filter((v) => v !== 'GET') : verbs;
}

/** A flat query key of WSME's complex notation (`p.address.city`) and its scalar schema. */
interface FlatField {
  readonly key: string;
  readonly schema: ArgSpec['schema'];
  readonly required: boolean;
}

/**
 * A complex query argument as WSME's notation spells it — one parameter per scalar field
 * (`p.firstname`, `p.address.city`, `p.hobbies` repeated) — or undefined when a field is none of
 * these (a dict, a list of complex values, a type nested past a few levels).
 */
function flatFields(s: ArgSpec['schema'], prefix: string, depth: number): FlatField[] | undefined {
  let shape = shapeOf(s);
  if (shape.k === 'nullable') shape = shapeOf(shape.inner);
  if (shape.k !== 'complex' || depth > 3) return undefined;
  const out: FlatField[] = [];
  for (const f of shape.fields) {
    const key = `${prefix}.${f.name}`;
    if (queryable({ schema: f.schema } as ArgSpec)) out.push({ key, schema: f.schema, required: f.required });
    else {
      const inner = flatFields(f.schema, key, depth + 1);
      if (!inner) return undefined;
      out.push(...inner.map((x) => ({ ...x, required: x.required && f.required })));
    }
  }
  return out;
}

/** Where REST reads an argument for this verb: a parameter place, or the body. */
function sourceIn(fn: FunctionEntry, a: ArgSpec, verb: HttpMethod): 'path' | 'query' | 'header' | 'member' | 'body' {
  const src = fn.binding.sources.get(a.name)!;
  if (src.in === 'auto') return verb === 'GET' || verb === 'DELETE' ? 'query' : 'member';
  return src.in;
}

/** The name REST reads an argument by (its query key, header, member), or its own name. */
function keyOf(fn: FunctionEntry, a: ArgSpec): string {
  const src = fn.binding.sources.get(a.name)!;
  return 'key' in src ? src.key : a.name;
}

/** Scalars (and lists of them) fit a query parameter. */
function queryable(a: ArgSpec): boolean {
  let shape = shapeOf(a.schema);
  if (shape.k === 'nullable') shape = shapeOf(shape.inner);
  if (shape.k === 'array') shape = shapeOf(shape.items);
  return !['complex', 'dict', 'array', 'any', 'nullable', 'null'].includes(shape.k);
}

function operation(fn: FunctionEntry, verb: HttpMethod, operationId: string, schemas: JsonSchemaWriter, nest: boolean): JsonSchema {
  const op: JsonSchema = { operationId, tags: [tagOf(fn)], summary: fn.name };
  if (fn.def.doc) op.description = fn.def.doc;
  const parameters: JsonSchema[] = [];
  const members: ArgSpec[] = [];
  let body: ArgSpec | undefined;
  // Where each argument goes, by name, for clients that call by argument name (`switchboard/client`).
  op[FUNCTION] = fn.name;
  op[ARGUMENTS] = fn.args.map((a) => ({ name: a.name, in: sourceIn(fn, a, verb), key: keyOf(fn, a) }));
  for (const a of fn.args) {
    const place = sourceIn(fn, a, verb);
    if (place === 'member') members.push(a);
    else if (place === 'body') body = a;
    else if (place === 'query' && !queryable(a) && flatFields(a.schema, keyOf(fn, a), 0)) {
      // WSME's complex notation: one query parameter per field.
      for (const f of flatFields(a.schema, keyOf(fn, a), 0)!) {
        const p: JsonSchema = { name: f.key, in: 'query', required: a.required && f.required, schema: schemas.write(f.schema) };
        if (shapeOf(f.schema).k === 'array') p.explode = true;
        parameters.push(p);
      }
    } else parameters.push(parameter(fn, a, place, schemas));
  }
  if (parameters.length > 0) op.parameters = parameters;
  if (body || members.length > 0) op.requestBody = requestBody(fn, body, members, schemas);
  op.responses = responses(fn, schemas, nest);
  const access = accessOf(fn.target.policy);
  // Said even when open (`[]`), so a reader never wonders whether it was forgotten.
  op.security = access.level === 'none' ? [] : access.level === 'required' ? [{ [BEARER]: [...access.scopes] }] : [{ [BEARER]: [...access.scopes] }, {}];
  return op;
}

function parameter(fn: FunctionEntry, a: ArgSpec, place: 'path' | 'query' | 'header', schemas: JsonSchemaWriter): JsonSchema {
  const p: JsonSchema = { name: keyOf(fn, a), in: place, required: place === 'path' || a.required, schema: schemas.write(a.schema) };
  if (typeof a.schema.description === 'string') p.description = a.schema.description;
  if (place === 'query' && shapeOf(a.schema).k === 'array') p.explode = true;
  return p;
}

function requestBody(fn: FunctionEntry, body: ArgSpec | undefined, members: readonly ArgSpec[], schemas: JsonSchemaWriter): JsonSchema {
  let schema: JsonSchema;
  let required: boolean;
  if (body) {
    schema = schemas.write(body.schema);
    required = body.required;
  } else {
    const properties: Record<string, JsonSchema> = {};
    const names: string[] = [];
    for (const a of members) {
      properties[keyOf(fn, a)] = schemas.write(a.schema);
      if (a.required) names.push(keyOf(fn, a));
    }
    schema = { type: 'object', properties, additionalProperties: false };
    if (names.length > 0) schema.required = names;
    required = names.length > 0;
  }
  // A form carries the members (WSME's `p.name=…` notation for complex ones), never a whole body.
  const types = fn.binding.consumes ?? (body ? BODY_TYPES : [...BODY_TYPES, FORM_TYPE]);
  const content: Record<string, JsonSchema> = {};
  // XML: the root's name is free (`<parameters>` for the members, as WSME writes it); lists are wrapped.
  for (const t of types) content[t] = { schema: XML_TYPES.has(t) ? xmlRoot(schema, body ? body.name : 'parameters') : schema };
  return { required, content };
}

function responses(fn: FunctionEntry, schemas: JsonSchemaWriter, nest: boolean): JsonSchema {
  const out: Record<string, JsonSchema> = {};
  const status = fn.binding.status;
  if (fn.def.stream) {
    const item = fn.returns ? ` of ${describeItem(fn, schemas)}` : '';
    // The stream is described by its items (OpenAPI 3.2's itemSchema, in 3.1 terms): each event's data is one.
    out[String(status)] = {
      description: `A stream${item}: Server-Sent Events (ask with \`Accept: text/event-stream\`), each event's data one item in JSON.`,
      content: {
        [EVENT_STREAM]: {
          schema: {
            type: 'array',
            description: 'The items, in order: each Server-Sent Event’s `data` is one item, in JSON.',
            items: fn.returns ? schemas.write(fn.returns) : { type: 'null' },
          },
        },
      },
    };
  } else if (status === 204) {
    out['204'] = { description: 'Done; no content.' };
  } else {
    const schema: JsonSchema = fn.returns ? schemas.write(fn.returns) : { type: 'null' };
    // WSME's nest_result wraps the JSON result; XML always has its `<result>` root.
    const json: JsonSchema = nest ? { type: 'object', properties: { result: schema }, required: ['result'], additionalProperties: false } : schema;
    const content: Record<string, JsonSchema> = {};
    for (const t of fn.binding.produces ?? BODY_TYPES) content[t] = { schema: XML_TYPES.has(t) ? xmlRoot(schema, 'result') : json };
    out[String(status)] = { description: fn.returns ? 'The result.' : 'Done (the result is null).', content };
  }
  const access = accessOf(fn.target.policy);
  const faults = new Set<number>([400, ...fn.binding.errors]);
  if (access.level !== 'none') faults.add(401);
  if (access.scopes.length > 0 || access.level !== 'none') faults.add(403);
  for (const code of [...faults].sort((a, b) => a - b))
    out[String(code)] =
      code === 304
        ? { description: 'Not modified: the copy the client has is current.' }
        : code < 400
          ? { description: 'Elsewhere: the Location header says where.', headers: { Location: { schema: { type: 'string' } } } }
          : { $ref: FAULT_RESPONSE };
  out.default = { $ref: FAULT_RESPONSE };
  return out;
}

/** An XML body's schema: its root element named `name`, lists inside it wrapped. */
function xmlRoot(schema: JsonSchema, name: string): JsonSchema {
  const out = { ...schema, xml: { name } };
  xmlLists(out, 0);
  return out;
}

/** Marks every list in `schema` as the XML codec writes it: wrapped, each item an `<item>` (in place). */
function xmlLists(schema: JsonSchema, depth: number): void {
  if (depth > 32 || typeof schema !== 'object' || schema === null) return;
  if (schema.type === 'array' && typeof schema.items === 'object') {
    schema.xml = { ...(schema.xml as JsonSchema | undefined), wrapped: true };
    const items = schema.items as JsonSchema;
    if (items.xml === undefined) schema.items = { ...items, xml: { name: 'item' } };
    xmlLists(schema.items as JsonSchema, depth + 1);
  }
  for (const p of Object.values((schema.properties as Record<string, JsonSchema> | undefined) ?? {})) xmlLists(p, depth + 1);
  for (const b of (schema.oneOf as JsonSchema[] | undefined) ?? []) xmlLists(b, depth + 1);
}

/** The item's component name for a stream's description. */
function describeItem(fn: FunctionEntry, schemas: JsonSchemaWriter): string {
  const ref = schemas.write(fn.returns!).$ref;
  return typeof ref === 'string' ? ref.slice(ref.lastIndexOf('/') + 1) : 'items';
}

/** A function's tag: its controller chain (`person`), or the API's name for top-level functions. */
function tagOf(fn: FunctionEntry): string {
  return fn.path.length > 1 ? fn.path.slice(0, -1).join('.') : 'functions';
}

/** One tag per controller that holds functions, described by the controller's documentation. */
function tagsOf(api: Api): JsonSchema[] {
  const seen = new Set(api.functions.map(tagOf));
  return [...seen].map((name) => ({ name, description: (name === 'functions' ? api.root.doc : controllerDoc(api, name)) ?? `The functions of ${name}.` }));
}

function controllerDoc(api: Api, dotted: string): string | undefined {
  let c: ControllerDef | undefined = api.def.tree;
  for (const part of dotted.split('.')) {
    const m: ControllerDef | FunctionDef | undefined = c?.members[part];
    c = m?.kind === 'controller' ? m : undefined;
  }
  return c?.doc;
}
