/**
 * The container above the controllers: an API (a Ferris endpoint, a WSME root, an EDL
 * interface) with its name, version, base path, documentation and access policy. One server
 * serves several APIs, each under its own base path.
 */
import { type ControllerDef, type Member, controller } from './controller.ts';
import type { CallStep, Policy } from './steps.ts';

/**
 * How functions without declared verbs answer over REST:
 * - `wsme` (WSME's rule): GET and POST, form posts included;
 * - `strict`: only POST, and GET only for functions declared `GET` or `safe` — so a link or a
 *   cross-site form cannot call a function that changes something.
 */
export type VerbRule = 'wsme' | 'strict';

export interface ApiOptions<C extends Record<string, Member> = Record<string, Member>> {
  /** Name in documents (WSDL service, OpenAPI title) and in method ids. */
  name: string;
  /** Version, e.g. `v1`; undefined for an unversioned API (a WSME root). */
  version?: string;
  /** URL prefix of every function, e.g. `/_ah/api/ferris/v1`; `''` for the server root. */
  basePath?: string;
  doc?: string;
  /** Access policy of every function (auth level, scopes…), as an auth step reads it. */
  policy?: Policy;
  /** See {@link VerbRule}; default `wsme`. */
  verbs?: VerbRule;
  /** Call steps of every function, run first. */
  steps?: readonly CallStep[];
  /** Top-level controllers and functions by name. */
  controllers: C;
}

/** An API: the root of the model. Frozen; `use()` returns a new one. `C` records its controllers' declarations for typed clients. */
export interface ApiDef<C = unknown> {
  readonly kind: 'api';
  readonly name: string;
  readonly version: string | undefined;
  /** Normalised: leading slash, no trailing slash; `''` for the server root. */
  readonly basePath: string;
  /** WSME's name for the base path. */
  readonly webpath: string;
  readonly doc: string | undefined;
  readonly policy: Policy | undefined;
  readonly verbs: VerbRule;
  readonly steps: readonly CallStep[];
  readonly tree: ControllerDef;
  /** The same API with these call steps added after its own (e.g. an application's logging). */
  use(...steps: CallStep[]): ApiDef<C>;
  /** Types only, never set: the controllers as declared, for typed clients. */
  readonly __declared?: C;
}

/** `/a/b/` → `/a/b`, `''` and `/` → `''`. */
export function normalisePath(path: string | undefined): string {
  const trimmed = (path ?? '').replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '' : `/${trimmed}`;
}

/**
 * Declares an API.
 *
 * @example
 * export default api({ name: 'library', version: 'v1', basePath: '/library/v1', verbs: 'strict', controllers: { books } });
 */
export function api<C extends Record<string, Member>>(options: ApiOptions<C>): ApiDef<C> {
  // The declared controllers are recorded in the type alone (`__declared` is never set).
  return make(options, controller(options.controllers, { doc: options.doc }), [...(options.steps ?? [])]) as ApiDef<C>;
}

function make(o: Omit<ApiOptions, 'controllers'>, tree: ControllerDef, steps: readonly CallStep[]): ApiDef {
  const basePath = normalisePath(o.basePath);
  const def: ApiDef = Object.freeze({
    kind: 'api' as const,
    name: o.name,
    version: o.version,
    basePath,
    webpath: basePath,
    doc: o.doc,
    policy: o.policy,
    verbs: o.verbs ?? 'wsme',
    steps: Object.freeze(steps),
    tree,
    use: (...more: CallStep[]) => make({ ...o, basePath }, tree, [...steps, ...more]),
  });
  return def;
}

/** The same API with another tree (used to bind handlers, keeping everything else). */
export function withTree(a: ApiDef, tree: ControllerDef): ApiDef {
  return make({ name: a.name, version: a.version, basePath: a.basePath, doc: a.doc, policy: a.policy, verbs: a.verbs }, tree, a.steps);
}

/** True for a value built by `api()` or `root()`. */
export function isApi(v: unknown): v is ApiDef {
  return typeof v === 'object' && v !== null && (v as ApiDef).kind === 'api';
}

/** What a server serves: one API, or several (each under its own base path, on one port). */
export type Apis = ApiDef | readonly ApiDef[];

/** True for one API or a non-empty list of them. */
export function isApis(v: unknown): v is Apis {
  return isApi(v) || (Array.isArray(v) && v.length > 0 && v.every(isApi));
}
