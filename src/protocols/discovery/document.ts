/**
 * The Google API discovery document (`discovery#restDescription`) of an API, as Cloud Endpoints
 * serves it: `rootUrl` + `servicePath` + each method's `path` is its REST URL; controllers are
 * `resources`, functions their `methods` (id `<api>.<controller>.<function>`), with path and
 * query parameters, `parameterOrder`, the request body and the response as `$ref`s to
 * `schemas`, and the OAuth scopes its policy asks for. One HTTP verb per method (Google's
 * clients call one): the declared one, else GET when a query can carry every argument, else
 * POST. Streams (Server-Sent Events) and header arguments are nothing a discovery client can
 * call or send, so functions with them are left out.
 */
import type { HttpMethod } from '../../api/binding.ts';
import type { Api, ArgSpec, FunctionEntry } from '../../runtime/compile.ts';
import { shapeOf } from '../../schema/describe.ts';
import { accessOf } from '../auth-policy.ts';
import { STANDARD_PARAMETERS } from '../endpoints-wire.ts';
import { type GoogleSchema, GoogleSchemaWriter } from './schemas.ts';

/** The scope Cloud Endpoints asks for when a method needs a token and names no scope. */
export const USERINFO_EMAIL = 'https://www.googleapis.com/auth/userinfo.email';
export { ENDPOINTS_ROOT } from '../endpoints-wire.ts';

export interface DiscoveryOptions {
  /** `http://host/_ah/api/`: the root every API's `servicePath` is relative to (with its trailing slash). */
  readonly rootUrl: string;
  /** The API's base path relative to the root's path, with a trailing slash: `ferris/v1/`. */
  readonly servicePath: string;
}

/** The document of `api`. */
export function discoveryDocument(api: Api, options: DiscoveryOptions): GoogleSchema {
  const root = api.root;
  const version = root.version ?? 'v1';
  const schemas = new GoogleSchemaWriter();
  const resources: GoogleSchema = {};
  const methods: GoogleSchema = {};
  const scopes = new Set<string>();
  for (const fn of api.functions) {
    const m = method(api, fn, schemas);
    if (!m) continue;
    for (const s of (m.scopes as string[] | undefined) ?? []) scopes.add(s);
    let holder = { resources, methods };
    for (const part of fn.path.slice(0, -1)) {
      holder.resources[part] ??= { resources: {}, methods: {} };
      holder = holder.resources[part] as { resources: GoogleSchema; methods: GoogleSchema };
    }
    holder.methods[fn.path[fn.path.length - 1]!] = m;
  }
  const doc: GoogleSchema = {
    kind: 'discovery#restDescription',
    discoveryVersion: 'v1',
    id: `${root.name}:${version}`,
    name: root.name,
    version,
    title: root.name,
    protocol: 'rest',
    rootUrl: options.rootUrl,
    servicePath: options.servicePath,
    baseUrl: options.rootUrl + options.servicePath,
    basePath: new URL(options.rootUrl + options.servicePath).pathname,
    batchPath: 'batch',
  };
  if (root.doc) doc.description = root.doc;
  if (scopes.size > 0) {
    const listed: GoogleSchema = {};
    for (const s of scopes) listed[s] = { description: s === USERINFO_EMAIL ? 'View your email address' : s };
    doc.auth = { oauth2: { scopes: listed } };
  }
  // Google's standard query parameters: every discovery client knows them; REST accepts them here.
  doc.parameters = structuredClone(STANDARD_PARAMETERS);
  doc.schemas = schemas.schemas;
  if (Object.keys(methods).length > 0) doc.methods = methods;
  doc.resources = prune(resources);
  return doc;
}

/** Resources without empty `resources` / `methods` members. */
function prune(resources: GoogleSchema): GoogleSchema {
  for (const r of Object.values(resources) as GoogleSchema[]) {
    if (Object.keys(r.resources as GoogleSchema).length === 0) delete r.resources;
    else prune(r.resources as GoogleSchema);
    if (Object.keys(r.methods as GoogleSchema).length === 0) delete r.methods;
  }
  return resources;
}

/** Where an argument is read for the verb: a parameter (path, query), the body, or nowhere a client can put it. */
function placeOf(fn: FunctionEntry, a: ArgSpec, verb: HttpMethod): 'path' | 'query' | 'member' | 'body' | 'header' {
  const src = fn.binding.sources.get(a.name)!;
  if (src.in === 'auto') return verb === 'GET' || verb === 'DELETE' ? 'query' : 'member';
  return src.in;
}

function queryable(s: ArgSpec['schema']): boolean {
  let shape = shapeOf(s);
  if (shape.k === 'nullable') shape = shapeOf(shape.inner);
  if (shape.k === 'array') shape = shapeOf(shape.items);
  return !['complex', 'dict', 'array', 'any', 'nullable', 'null'].includes(shape.k);
}

/** The one verb documented: the only one, else GET when every argument fits the query, else POST. */
function verbOf(fn: FunctionEntry): HttpMethod {
  const verbs = fn.binding.verbs;
  if (verbs.length === 1) return verbs[0]!;
  const get = verbs.includes('GET') && fn.args.every((a) => placeOf(fn, a, 'GET') !== 'query' || queryable(a.schema));
  if (get) return 'GET';
  return verbs.includes('POST') ? 'POST' : verbs[0]!;
}

function method(api: Api, fn: FunctionEntry, schemas: GoogleSchemaWriter): GoogleSchema | undefined {
  if (fn.def.stream) return undefined;
  const verb = verbOf(fn);
  const places = fn.args.map((a) => placeOf(fn, a, verb));
  if (places.includes('header')) return undefined;
  const parameters: GoogleSchema = {};
  const order: string[] = [];
  const members: ArgSpec[] = [];
  let body: ArgSpec | undefined;
  fn.args.forEach((a, i) => {
    const place = places[i]!;
    if (place === 'member') members.push(a);
    else if (place === 'body') body = a;
    else {
      const src = fn.binding.sources.get(a.name)!;
      const name = 'key' in src ? src.key : a.name;
      parameters[name] = parameter(a, place as 'path' | 'query', schemas);
      if (place === 'path' || a.required) order.push(name);
    }
  });
  const out: GoogleSchema = {
    id: `${api.root.name}.${fn.name}`,
    path: fn.binding.path,
    flatPath: fn.binding.path,
    httpMethod: verb,
  };
  if (fn.def.doc) out.description = fn.def.doc;
  if (Object.keys(parameters).length > 0) out.parameters = parameters;
  if (order.length > 0) out.parameterOrder = order;
  const request = requestOf(fn, body, members, schemas);
  if (request) out.request = { ...request, parameterName: 'resource' };
  if (fn.returns && fn.binding.status !== 204) {
    const written = schemas.write(fn.returns);
    out.response = written.$ref !== undefined ? written : schemas.add(`${camel(fn.path)}Response`, written);
  }
  const access = accessOf(fn.target.policy);
  if (access.level !== 'none') out.scopes = access.scopes.length > 0 ? [...access.scopes] : [USERINFO_EMAIL];
  return out;
}

function parameter(a: ArgSpec, location: 'path' | 'query', schemas: GoogleSchemaWriter): GoogleSchema {
  const shape = shapeOf(a.schema);
  const item = shape.k === 'array' ? shape.items : a.schema;
  const written = schemas.write(item);
  // A parameter is a scalar: an enum named as a schema is written out here.
  const p: GoogleSchema = written.$ref !== undefined ? { ...(schemas.schemas[written.$ref as string] as GoogleSchema) } : { ...written };
  delete p.id;
  p.location = location;
  if (location === 'path' || a.required) p.required = true;
  if (shape.k === 'array') p.repeated = true;
  if (a.hasDefault && a.default !== undefined) p.default = String(a.default);
  if (typeof a.schema.description === 'string') p.description = a.schema.description;
  return p;
}

/** The request body's `$ref`: the whole-body argument's type, or a schema of the members. */
function requestOf(fn: FunctionEntry, body: ArgSpec | undefined, members: readonly ArgSpec[], schemas: GoogleSchemaWriter): GoogleSchema | undefined {
  if (body) {
    const written = schemas.write(body.schema);
    return written.$ref !== undefined ? written : schemas.add(`${camel(fn.path)}Request`, written);
  }
  if (members.length === 0) return undefined;
  const properties: GoogleSchema = {};
  for (const a of members) {
    const src = fn.binding.sources.get(a.name)!;
    const w = schemas.write(a.schema);
    properties['key' in src ? src.key : a.name] = a.required ? { ...w, required: true } : w;
  }
  return schemas.add(`${camel(fn.path)}Request`, { type: 'object', properties });
}

/** `['person', 'get']` → `PersonGet`. */
function camel(path: readonly string[]): string {
  return path.map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('');
}
