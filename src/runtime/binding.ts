/**
 * Resolving a function's HTTP binding at compile time: the declared parts as declared, the rest
 * by WSME's rules (path = controller chain + name; GET and POST, or — under strict verbs — POST
 * and GET only for safe functions; arguments from query, form or body members). Whatever does
 * not fit is a declaration error naming the function.
 */
import type { HttpMethod } from '../api/binding.ts';
import type { VerbRule } from '../api/api.ts';
import type { FunctionDef } from '../api/expose.ts';
import { declarationError } from '../errors/declaration.ts';

/** Where one argument is read from over REST, resolved. */
export type Source =
  | { readonly in: 'auto' }
  | { readonly in: 'path' }
  | { readonly in: 'query'; readonly key: string }
  | { readonly in: 'header'; readonly key: string }
  | { readonly in: 'body' }
  | { readonly in: 'member'; readonly key: string };

export interface Binding {
  /** Verbs of the function's own route. */
  readonly verbs: readonly HttpMethod[];
  /** Template below the API's base path, without leading or trailing slash: `person/get`, `book/{id}`. */
  readonly path: string;
  /** WSME's verb dispatch: the controller's path, answered for the declared verbs unless another function takes it. */
  readonly alias: string | undefined;
  /** Names of the template's `{…}` segments. */
  readonly params: readonly string[];
  /** Each argument's source, by argument name. */
  readonly sources: ReadonlyMap<string, Source>;
  /** The argument that is the whole body, if one is. */
  readonly body: string | undefined;
  readonly status: number;
  readonly errors: readonly number[];
  readonly consumes: readonly string[] | undefined;
  readonly produces: readonly string[] | undefined;
  /** The `Location` template (below the base path), filled from the result's fields. */
  readonly location: string | undefined;
  /** The result field whose value is the `ETag`. */
  readonly etag: string | undefined;
}

const VERBS = new Set<string>(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
const PARAM = /^\{([A-Za-z_$][\w$]*)\}$/;

/** Joins path parts into a template without leading, trailing or doubled slashes. */
export function joinPath(...parts: string[]): string {
  return parts
    .flatMap((p) => p.split('/'))
    .filter((s) => s !== '')
    .join('/');
}

/**
 * The resolved binding of `def`, found at `chain` (its controllers' path segments) with name
 * `name` (dotted, for errors). `rule` is its API's verb rule.
 */
export function resolveBinding(def: FunctionDef, fullName: string, chain: readonly string[], own: string, rule: VerbRule): Binding {
  const http = def.http;
  const fail = (reason: string) => declarationError('SB_DECL_BAD_BINDING', { function: fullName, reason });
  const declared = def.methods;
  if (declared) {
    if (declared.length === 0) throw fail('it declares no HTTP verb');
    for (const v of declared) if (!VERBS.has(v)) throw fail(`${String(v)} is not an HTTP verb it can answer`);
  }
  const verbs: readonly HttpMethod[] = declared ?? (rule === 'strict' ? (http.safe ? ['GET', 'POST'] : ['POST']) : ['GET', 'POST']);
  const template = http.path;
  const path = template === undefined ? joinPath(...chain, own) : template.startsWith('/') ? joinPath(template) : joinPath(...chain, template);
  // WSME: a function with declared verbs also answers them at its controller's path.
  const alias = declared && template === undefined ? joinPath(...chain) : undefined;

  const params: string[] = [];
  for (const seg of path.split('/')) {
    if (!seg.includes('{') && !seg.includes('}')) continue;
    const m = PARAM.exec(seg);
    if (!m) throw fail(`the path segment "${seg}" of ${path} is not a parameter ({name}) nor plain text`);
    if (params.includes(m[1])) throw fail(`the path ${path} names {${m[1]}} twice`);
    if (!Object.hasOwn(def.args, m[1])) throw declarationError('SB_DECL_PATH_PARAMETER', { function: fullName, path: `/${path}`, name: m[1] });
    params.push(m[1]);
  }

  const sources = new Map<string, Source>();
  const declaredIn = (http.in ?? {}) as Record<string, unknown>;
  for (const name of Object.keys(declaredIn)) {
    if (!Object.hasOwn(def.args, name))
      throw declarationError('SB_DECL_ARGUMENT_SOURCE', { function: fullName, name, reason: 'has a source (`in`) but is not an argument' });
  }
  let body = def.body;
  for (const name of Object.keys(def.args)) {
    const d = declaredIn[name];
    const src = sourceOf(d, name);
    if (src === undefined)
      throw declarationError('SB_DECL_ARGUMENT_SOURCE', { function: fullName, name, reason: `has an unknown source ${JSON.stringify(d)}` });
    const inPath = params.includes(name);
    if (src.in === 'path' && !inPath)
      throw declarationError('SB_DECL_ARGUMENT_SOURCE', { function: fullName, name, reason: `is read from the path, which ${`/${path}`} does not name` });
    if (inPath && src.in !== 'path' && src.in !== 'auto')
      throw declarationError('SB_DECL_ARGUMENT_SOURCE', { function: fullName, name, reason: `is in the path /${path} but declared in ${src.in}` });
    if (src.in === 'body') {
      if (body !== undefined && body !== name) throw fail(`both "${body}" and "${name}" are the whole body`);
      body = name;
    }
    sources.set(name, inPath ? { in: 'path' } : body === name ? { in: 'body' } : src);
  }
  if (body !== undefined && [...sources.values()].some((s) => s.in === 'member'))
    throw fail(`"${body}" is the whole body, so no argument can be a member of it`);
  if (body !== undefined && verbs.length === 1 && verbs[0] === 'GET') throw fail('a GET answers no body, yet an argument is the body');

  const status = http.status ?? 200;
  if (!Number.isInteger(status) || status < 200 || status > 299) throw fail(`its success status ${status} is not a 2xx status`);
  const errors = [...(http.errors ?? [])];
  // 3xx: a handler may answer a redirect (or a 304) the function declares (errors/redirect.ts).
  for (const e of errors) if (!Number.isInteger(e) || e < 300 || e > 599) throw fail(`its declared status ${e} is not a 3xx, 4xx or 5xx status`);
  return Object.freeze({
    verbs,
    path,
    alias,
    params,
    sources,
    body,
    status,
    errors,
    consumes: http.consumes,
    produces: http.produces,
    location: http.location === undefined ? undefined : joinPath(http.location),
    etag: http.etag,
  });
}

function sourceOf(d: unknown, name: string): Source | undefined {
  if (d === undefined) return { in: 'auto' };
  if (d === 'path' || d === 'body') return { in: d };
  if (d === 'query') return { in: 'query', key: name };
  if (d === 'member') return { in: 'member', key: name };
  if (d === 'header') return { in: 'header', key: name.toLowerCase().replace(/_/g, '-') };
  if (typeof d === 'object' && d !== null) {
    const o = d as Record<string, unknown>;
    if (typeof o.header === 'string') return { in: 'header', key: o.header.toLowerCase() };
    if (typeof o.query === 'string') return { in: 'query', key: o.query };
    if (typeof o.member === 'string') return { in: 'member', key: o.member };
  }
  return undefined;
}

/** Location templates read once: literal text and field names, alternating (a regex replace per answer measured ~1 µs). */
const locationParts = new Map<string, readonly string[]>();

/** The `Location` of a result: the template's `{field}`s filled from it (URL-encoded), or undefined when one is missing. */
export function fillLocation(template: string, result: unknown): string | undefined {
  if (typeof result !== 'object' || result === null) return undefined;
  let parts = locationParts.get(template);
  if (parts === undefined) {
    // Even indexes are text, odd ones field names. Templates are the declared functions' own: few.
    parts = template.split(/\{([A-Za-z_$][\w$]*)\}/);
    locationParts.set(template, parts);
  }
  let path = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const v = (result as Record<string, unknown>)[parts[i]!];
    if (v === undefined || v === null || typeof v === 'object') return undefined;
    path += encodeURIComponent(String(v)) + parts[i + 1]!;
  }
  return path;
}

/** The `ETag` of a result: its `field` quoted, or undefined when it has none. */
export function etagOf(field: string, result: unknown): string | undefined {
  if (typeof result !== 'object' || result === null) return undefined;
  const v = (result as Record<string, unknown>)[field];
  return typeof v === 'number' || typeof v === 'string' || typeof v === 'bigint' ? `"${String(v).replace(/["\\\r\n]/g, '')}"` : undefined;
}
