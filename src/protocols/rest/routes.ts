/**
 * REST routing, as WSME maps it: webpath, controller chain, function name. A function with a
 * `method` option is also reached by that verb at its controller's path (`GET /ws/person`).
 */
import type { HttpMethod } from '../../api/expose.ts';
import { type SwitchboardError, sbError } from '../../errors/index.ts';
import { type Api, type FunctionEntry, verbsOf } from '../../runtime/compile.ts';

/** A found function, with what the protocol compiled for it (one object per function, reused). */
export interface RouteHit<T> {
  readonly fn: FunctionEntry;
  readonly data: T;
  readonly error?: undefined;
}

/** The 404 or 405 to answer (`allow` for 405). */
export interface RouteMiss {
  readonly error: SwitchboardError;
  readonly allow?: string;
}

interface Target<T> {
  /** Verb → function, for the function's own verbs and verb-dispatch at controller paths. */
  readonly verbs: ReadonlyMap<string, RouteHit<T>>;
  readonly allow: string;
}

export class RestRoutes<T> {
  private readonly targets = new Map<string, Target<T>>();

  /** `data` compiles the protocol's per-function parts, once each. */
  constructor(api: Api, data: (fn: FunctionEntry) => T) {
    const hits = new Map<FunctionEntry, RouteHit<T>>(api.functions.map((fn) => [fn, { fn, data: data(fn) }]));
    const verbMaps = new Map<string, Map<string, RouteHit<T>>>();
    const add = (path: string, verb: HttpMethod, fn: FunctionEntry) => {
      let m = verbMaps.get(path);
      if (!m) {
        m = new Map();
        verbMaps.set(path, m);
      }
      const hit = hits.get(fn)!;
      if (!m.has(verb)) m.set(verb, hit);
      if (verb === 'GET' && !m.has('HEAD')) m.set('HEAD', hit);
    };
    for (const fn of api.functions) {
      const own = fn.path.join('/');
      for (const verb of verbsOf(fn)) add(own, verb, fn);
      if (fn.def.methods) for (const verb of fn.def.methods) add(fn.path.slice(0, -1).join('/'), verb, fn);
    }
    for (const [path, verbs] of verbMaps) this.targets.set(path, { verbs, allow: [...verbs.keys()].join(', ') });
  }

  /** The function for a path below the webpath and a verb, or the 404/405 to answer. */
  find(rel: string, method: string): RouteHit<T> | RouteMiss {
    const target = this.targets.get(rel);
    if (!target) return { error: sbError('SB_NOT_FOUND', { path: rel === '' ? '/' : rel }) };
    const hit = target.verbs.get(method);
    if (hit) return hit;
    return { error: sbError('SB_METHOD_NOT_ALLOWED', { method, allow: target.allow }), allow: target.allow };
  }
}
