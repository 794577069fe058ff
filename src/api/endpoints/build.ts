/**
 * An endpoint and its services, as an API of the model: the endpoint is the API (its name,
 * version, base path `/_ah/api/<name>/<version>` and policy), each service a controller named
 * by its resource name, each `@autoMethod` a function. The method ids follow Cloud Endpoints
 * (`ferris.posts.insert`): the tree has one controller named after the endpoint, at no path,
 * holding the services. Every rule the seed states is checked here, naming the method.
 */
import { type TObject, type TSchema, Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { declarationError } from '../../errors/declaration.ts';
import { type ApiDef, api } from '../api.ts';
import type { ArgSource } from '../binding.ts';
import { type ControllerDef, controller } from '../controller.ts';
import { type FunctionDef, expose } from '../expose.ts';
import type { CallStep, Policy } from '../steps.ts';
import { AUTH_LEVELS, type EndpointConfig } from './config.ts';
import { type AccessOptions, type MethodSpec, methodSpec } from './method.ts';
import { RESOURCE_NAME, serviceName } from './naming.ts';
import type { ServiceEntry } from './service.ts';

/** The access policy as the auth step reads it (`target.policy`). */
export function accessPolicy(o: AccessOptions & { issuers?: EndpointConfig['issuers'] }): Policy {
  const out: Record<string, unknown> = {};
  if (o.authLevel !== undefined) out.authLevel = o.authLevel;
  if (o.scopes !== undefined) out.scopes = o.scopes;
  if (o.allowedClientIds !== undefined) out.allowedClientIds = o.allowedClientIds;
  if (o.issuers !== undefined) out.issuers = o.issuers;
  return Object.freeze(out);
}

const ACCESS_OPTIONS = ['authLevel', 'scopes', 'allowedClientIds'];
const SERVICE_OPTIONS = ['name', 'endpoint', 'resourceName', 'path', 'doc', ...ACCESS_OPTIONS];
const METHOD_OPTIONS = ['returns', 'name', 'httpMethod', 'path', 'params', 'request', 'doc', ...ACCESS_OPTIONS];

/**
 * The options of a service or a method, as a JavaScript file may write them (no types to catch
 * `http_method` or `authLevel: 'REQUIRED'`): an unknown option or a wrong access setting is a
 * start-up error naming the service or method, never a setting silently ignored — an auth
 * level misspelt would otherwise leave a method open.
 */
function checkOptions(o: object, known: readonly string[], decorator: string, where: string): void {
  const fail = (reason: string): never => {
    throw declarationError('SB_DECL_SERVICE', { service: where, reason });
  };
  for (const key of Object.keys(o)) if (!known.includes(key)) fail(`unknown option "${key}" of ${decorator}; known: ${known.join(', ')}`);
  const a = o as AccessOptions;
  if (a.authLevel !== undefined && !AUTH_LEVELS.includes(a.authLevel)) fail(`authLevel "${String(a.authLevel)}" is not one of ${AUTH_LEVELS.join(', ')}`);
  for (const list of ['scopes', 'allowedClientIds'] as const) {
    const v: unknown = a[list];
    if (v !== undefined && (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || x === ''))) fail(`${list} must be a list of strings`);
  }
}

/** The default base path of an endpoint. */
export function endpointBasePath(c: EndpointConfig): string {
  return c.base_path ?? `/_ah/api/${c.name}/${c.version}`;
}

/** Builds the API of one endpoint from its services. */
export function buildEndpoint(config: EndpointConfig, services: readonly ServiceEntry[], steps: readonly CallStep[]): ApiDef {
  const members: Record<string, ControllerDef> = {};
  const owner = new Map<string, string>();
  for (const s of services) {
    const resource = s.options.resourceName ?? s.options.name ?? serviceName(s.cls.name);
    const label = s.cls.name || resource;
    checkOptions(s.options, SERVICE_OPTIONS, '@autoService', label);
    if (!RESOURCE_NAME.test(resource)) throw declarationError('SB_DECL_SERVICE', { service: label, reason: `resource name "${resource}" must be snake case` });
    const first = owner.get(resource);
    if (first) {
      throw declarationError('SB_DECL_SERVICE', { service: label, reason: `${config.name}.${resource} is already exposed by ${first}` });
    }
    owner.set(resource, label);
    members[resource] = serviceController(s, label, resource);
  }
  return api({
    name: config.name,
    version: config.version,
    basePath: endpointBasePath(config),
    doc: config.description ?? config.canonical_name,
    policy: accessPolicy({
      authLevel: config.auth_level ?? 'none',
      scopes: config.scopes,
      allowedClientIds: config.allowed_client_ids,
      issuers: config.issuers,
    }),
    steps,
    controllers: { [config.name]: controller(members, { path: '' }) },
  });
}

function serviceController(s: ServiceEntry, label: string, resource: string): ControllerDef {
  const Cls = s.cls as new () => object;
  const instance = new Cls();
  const fns: Record<string, FunctionDef> = {};
  const seen = new Set<string>();
  for (let proto = Object.getPrototypeOf(instance); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const key of Object.getOwnPropertyNames(proto)) {
      if (key === 'constructor' || seen.has(key)) continue;
      seen.add(key);
      const spec = methodSpec(Object.getOwnPropertyDescriptor(proto, key)?.value);
      if (!spec) continue;
      const name = spec.options.name ?? spec.member;
      const where = `${label}.${spec.member}`;
      if (fns[name]) throw declarationError('SB_DECL_SERVICE', { service: where, reason: `a second method named "${name}"` });
      fns[name] = methodFunction(spec, name, where, instance);
    }
  }
  if (Object.keys(fns).length === 0) throw declarationError('SB_DECL_SERVICE', { service: label, reason: 'it has no @autoMethod methods' });
  return controller(fns, { path: s.options.path ?? s.options.name ?? resource, policy: accessPolicy(s.options), doc: s.options.doc });
}

function methodFunction(spec: MethodSpec, name: string, where: string, instance: object): FunctionDef {
  const o = spec.options;
  const fail = (reason: string): never => {
    throw declarationError('SB_DECL_SERVICE', { service: where, reason });
  };
  checkOptions(o, METHOD_OPTIONS, '@autoMethod', where);
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) fail(`method name "${name}" must be an identifier`);
  const verb = o.httpMethod ?? 'POST';
  const path = o.path ?? name;
  const args: Record<string, TSchema> = {};
  const sources: Record<string, ArgSource> = {};
  const request = o.request?.[0] as TObject | undefined;
  if (request !== undefined) {
    if (verb === 'GET') fail('a GET method cannot take a request message');
    if (typeof request !== 'object' || request === null || request.type !== 'object') fail('request must be [Message], a message built with t.complex');
  }
  const fields = new Set(Object.keys(request?.properties ?? {}));
  for (const [param, decl] of Object.entries(o.params ?? {})) {
    if (!Array.isArray(decl) || decl.length < 1 || decl.length > 2) fail(`parameter "${param}" must be [type] or [type, default]`);
    if (request !== undefined && param === 'request') fail('a parameter cannot be named "request" beside a request message');
    if (fields.has(param)) fail(`the parameter "${param}" is also a field of the request message ${request?.$id ?? ''}`.trim());
    const [schema, ...rest] = decl;
    if (rest.length === 1 && rest[0] !== undefined && !Value.Check(schema, rest[0])) fail(`the default of parameter "${param}" is not of its type`);
    args[param] = rest.length === 1 ? (rest[0] === undefined ? Type.Optional(schema) : { ...schema, default: rest[0] }) : schema;
    sources[param] = path.includes(`{${param}}`) ? 'path' : 'query';
  }
  if (request !== undefined) {
    args.request = request;
    sources.request = 'body';
  }
  const handler = spec.handler.bind(instance);
  return expose(
    {
      args,
      returns: o.returns,
      method: verb,
      path,
      in: sources,
      status: o.returns === undefined ? 204 : undefined,
      policy: accessPolicy(o),
      doc: o.doc,
    },
    handler,
  );
}
