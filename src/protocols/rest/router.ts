/**
 * INTERIM path-template router (replaced by the tree router on its branch): static routes in a
 * map, templates matched segment by segment. Same contract.
 */
export interface RouteSpec<T> {
  readonly verbs: readonly string[];
  readonly path: string;
  readonly data: T;
  readonly name: string;
  readonly fallback?: boolean;
}
export interface RouteMatch<T> {
  readonly data: T;
  readonly params: Readonly<Record<string, string>> | undefined;
  readonly miss?: undefined;
}
export type RouteMiss = { readonly miss: 'not_found' } | { readonly miss: 'method_not_allowed'; readonly allow: string };

export class RouteConflictError extends Error {}

interface Target<T> {
  readonly verbs: Map<string, { data: T; name: string; fallback: boolean }>;
  allow: string;
  readonly segs: string[];
}
const trim = (p: string) => p.split('/').filter((s) => s !== '');

export class Router<T> {
  private readonly statics = new Map<string, Target<T>>();
  private readonly templates: Target<T>[] = [];
  constructor(routes: readonly RouteSpec<T>[]) {
    const all = new Map<string, Target<T>>();
    for (const r of routes) {
      const segs = trim(r.path);
      const key = segs.map((s) => (s.startsWith('{') ? '{}' : s)).join('/');
      let t = all.get(key);
      if (!t) {
        t = { verbs: new Map(), allow: '', segs };
        all.set(key, t);
        if (segs.some((s) => s.startsWith('{'))) this.templates.push(t);
        else this.statics.set(segs.join('/'), t);
      }
      const verbs = r.verbs.includes('GET') && !r.verbs.includes('HEAD') ? [...r.verbs, 'HEAD'] : r.verbs;
      for (const v of verbs) {
        const had = t.verbs.get(v);
        if (had && !had.fallback && !r.fallback && !(v === 'HEAD' && !r.verbs.includes('HEAD'))) {
          throw new RouteConflictError(`${v} /${segs.join('/')} is answered by both ${had.name} and ${r.name}`);
        }
        if (!had || (had.fallback && !r.fallback)) t.verbs.set(v, { data: r.data, name: r.name, fallback: r.fallback ?? false });
      }
    }
    const order = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];
    for (const t of all.values()) t.allow = [...t.verbs.keys()].sort((a, b) => order.indexOf(a) - order.indexOf(b)).join(', ');
    this.templates.sort((a, b) => score(b.segs) - score(a.segs));
  }
  find(method: string, path: string): RouteMatch<T> | RouteMiss {
    const s = this.statics.get(path);
    if (s) return pick(s, method, undefined);
    if (this.templates.length === 0) return { miss: 'not_found' };
    const segs = trim(path);
    for (const t of this.templates) {
      if (t.segs.length !== segs.length) continue;
      let params: Record<string, string> | undefined = {};
      for (let i = 0; i < segs.length && params; i++) {
        const ts = t.segs[i]!;
        if (ts.startsWith('{')) {
          try {
            params[ts.slice(1, -1)] = decodeURIComponent(segs[i]!);
          } catch {
            params = undefined;
          }
        } else if (ts !== segs[i]) params = undefined;
      }
      if (params) return pick(t, method, params);
    }
    return { miss: 'not_found' };
  }
}
const score = (segs: string[]) => segs.reduce((n, s, i) => n + (s.startsWith('{') ? 0 : 2 ** (20 - i)), 0);
function pick<T>(t: Target<T>, method: string, params: Record<string, string> | undefined): RouteMatch<T> | RouteMiss {
  const hit = t.verbs.get(method);
  if (hit) return { data: hit.data, params };
  return { miss: 'method_not_allowed', allow: t.allow };
}
