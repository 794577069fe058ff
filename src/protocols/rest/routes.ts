/**
 * REST routing, as WSME maps it: webpath, controller chain, function name. A function with a
 * `method` option is also reached by that verb at its controller's path (`GET /ws/person`).
 */
import type { HttpMethod } from '../../api/expose.ts';
import { type SwitchboardError, sbError } from '../../errors/index.ts';
import { type Api, type FunctionEntry, verbsOf } from '../../runtime/compile.ts';

export type Route = { readonly fn: FunctionEntry; readonly error?: undefined } | { readonly error: SwitchboardError; readonly allow?: string };

interface Target {
  readonly fn: FunctionEntry | undefined;
  /** Verb → function, for the function's own verbs and verb-dispatch at controller paths. */
  readonly verbs: ReadonlyMap<string, FunctionEntry>;
  readonly allow: string;
}

export class RestRoutes {
  private readonly targets = new Map<string, Target>();

  constructor(api: Api) {
    const verbMaps = new Map<string, Map<string, FunctionEntry>>();
    const add = (path: string, verb: HttpMethod, fn: FunctionEntry) => {
      let m = verbMaps.get(path);
      if (!m) {
        m = new Map();
        verbMaps.set(path, m);
      }
      if (!m.has(verb)) m.set(verb, fn);
      if (verb === 'GET' && !m.has('HEAD')) m.set('HEAD', fn);
    };
    for (const fn of api.functions) {
      const own = fn.path.join('/');
      for (const verb of verbsOf(fn)) add(own, verb, fn);
      if (fn.def.methods) for (const verb of fn.def.methods) add(fn.path.slice(0, -1).join('/'), verb, fn);
    }
    for (const [path, verbs] of verbMaps) {
      this.targets.set(path, { fn: api.byPath.get(path), verbs, allow: [...verbs.keys()].join(', ') });
    }
  }

  /** The function for a path below the webpath and a verb, or the 404/405 to answer. */
  find(rel: string, method: string): Route {
    const target = this.targets.get(rel);
    if (!target) return { error: sbError('SB_NOT_FOUND', { path: rel === '' ? '/' : rel }) };
    const fn = target.verbs.get(method);
    if (fn) return { fn };
    return { error: sbError('SB_METHOD_NOT_ALLOWED', { method, allow: target.allow }), allow: target.allow };
  }
}
