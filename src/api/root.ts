/** The root of a WSME-style API: its webpath and top-level controllers (WSME's `WSRoot`). */
import { type ApiDef, type VerbRule, api, isApi } from './api.ts';
import type { Member } from './controller.ts';
import type { CallStep, Policy } from './steps.ts';

export interface RootOptions<C extends Record<string, Member> = Record<string, Member>> {
  /** URL prefix of every function, e.g. `ws` → `/ws/person/get`. */
  webpath?: string;
  /** Top-level controllers and functions by name. */
  controllers: C;
  /** Name of the API in documents (WSDL service name, OpenAPI title). */
  name?: string;
  doc?: string;
  /** Default `wsme` (WSME's verbs); `strict` answers GET only for functions declared GET or safe. */
  verbs?: VerbRule;
  steps?: readonly CallStep[];
  policy?: Policy;
}

/** A root is an API with no version. */
export type RootDef<C = unknown> = ApiDef<C>;

/** Declares an API root, WSME style: an API with no version at its webpath. */
export function root<C extends Record<string, Member>>(options: RootOptions<C>): RootDef<C> {
  const trimmed = (options.webpath ?? '').replace(/^\/+|\/+$/g, '');
  return api({
    name: options.name ?? (trimmed || 'api'),
    basePath: trimmed,
    doc: options.doc,
    verbs: options.verbs,
    steps: options.steps,
    policy: options.policy,
    controllers: options.controllers,
  });
}

/** True for a value built by `root()` or `api()`. */
export const isRoot: (v: unknown) => v is RootDef = isApi;
