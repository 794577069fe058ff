/**
 * A path-template router for the REST protocol, generic over what a route carries. Everything is
 * built once, in the constructor: static paths go into a Map (one lookup, no allocation per
 * hit), templates with parameters into a radix tree (see radix.ts).
 *
 * Matching is per verb: a request goes to the most specific route that answers its verb, where
 * a static segment beats a parameter at the same position and a parameter beats a catch-all —
 * so with `POST /book/new` and `GET /book/{id}`, `GET /book/new` reaches the template with
 * `id = 'new'`. A path some route matches, but none for the verb, is a 405 whose `allow` lists
 * every verb of every route matching the path.
 *
 * A find visits each tree node at most once (a node stands for one position in the path), so
 * backtracking never costs more than the tree's size, whatever the templates.
 */
import { allowHeader } from './allow.ts';
import { type ParamsBuilder, paramsBuilder } from './params.ts';
import { type Leaf, RadixNode, Walker, freeze, insert } from './radix.ts';
import { type Template, parseTemplate } from './template.ts';

export { RouteTemplateError } from './template.ts';

/** One route to serve. */
export interface RouteSpec<T> {
  /** The verbs it answers (`GET`, `POST`…; written in any case, matched in upper case). `GET` brings `HEAD` unless a route declares `HEAD` for the same path. */
  readonly verbs: readonly string[];
  /** Its template: `/book/{id}`, `/files/{path*}`; leading and trailing slashes do not matter. */
  readonly path: string;
  /** What {@link Router.find} hands back for it. */
  readonly data: T;
  /** The route's name in errors. */
  readonly name: string;
  /**
   * A lower-priority alias: where another route answers the same verb and template, that one
   * wins silently (two routes without `fallback` there are a {@link RouteConflictError}).
   */
  readonly fallback?: boolean;
}

/** A route found for a request. */
export interface RouteMatch<T> {
  readonly data: T;
  /**
   * The template's parameters, percent-decoded; `undefined` for a static route. Where a
   * template answers at a static route's path (another verb), they were found once, at
   * start-up, and are frozen and shared.
   */
  readonly params: Readonly<Record<string, string>> | undefined;
  /** Absent on a match, for narrowing against {@link RouteMiss}. */
  readonly miss?: undefined;
}

/**
 * Why nothing was found: `not_found` (404), `method_not_allowed` (405, with the `Allow` header's
 * value), or `bad_path` (400): the route that matched has a parameter with a malformed
 * percent-escape (`%zz`, or bytes that are not UTF-8), named in `param`.
 */
export type RouteMiss =
  | { readonly miss: 'not_found' }
  | { readonly miss: 'method_not_allowed'; readonly allow: string }
  | { readonly miss: 'bad_path'; readonly param: string };

/** Two routes would answer the same verb on the same paths. */
export class RouteConflictError extends Error {
  constructor(
    /** The two routes' names, the one declared first first. */
    readonly routes: readonly [string, string],
    readonly verb: string,
    /** The second route's template, as written. */
    readonly path: string,
    /** The first route's template, as written (the same up to parameter names). */
    firstPath: string = path,
  ) {
    const also = firstPath === path ? '' : ` (${routes[0]} as ${firstPath})`;
    super(`routes ${routes[0]} and ${routes[1]} both answer ${verb} ${path}${also}; mark one as fallback if it is an alias`);
    this.name = 'RouteConflictError';
  }
}

/** A route as the router keeps it, one per route (shared by its verbs). */
interface Entry<T> {
  readonly data: T;
  readonly name: string;
  /** The template as written, for errors. */
  readonly path: string;
  readonly names: readonly string[];
  readonly fallback: boolean;
  /** Builds the params object from the values in path order. */
  readonly params: ParamsBuilder;
  /** The answer for a static route, made once. */
  readonly match: RouteMatch<T>;
}

/** Everything known about one template (up to parameter names), while building. */
interface Building<T> extends Leaf<Entry<T>> {
  readonly verbs: Map<string, Entry<T>>;
  onGet: Entry<T> | undefined;
  readonly template: Template;
}

/** A static path's answers: its verbs (with those templates answer there) and its 405. */
interface StaticTarget<T> {
  readonly verbs: Map<string, RouteMatch<T>>;
  /** `verbs.get('GET')`, read without a Map lookup for the commonest verb. */
  readonly onGet: RouteMatch<T> | undefined;
  readonly notAllowed: RouteMiss;
}

/** One class for every match, so callers reading `data` and `params` see one shape. */
class Match<T> implements RouteMatch<T> {
  constructor(
    readonly data: T,
    readonly params: Readonly<Record<string, string>> | undefined,
  ) {}
}

const NOT_FOUND: RouteMiss = Object.freeze({ miss: 'not_found' });
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Routes requests to {@link RouteSpec}s by verb and path. */
export class Router<T> {
  private readonly statics = new Map<string, StaticTarget<T>>();
  private readonly root = new RadixNode<Entry<T>>('');
  private readonly walker = new Walker(this.root);
  private readonly hasTemplates: boolean;
  /** Scratch for the decoded parameters of one find, handed to the entry's params builder. */
  private readonly values: string[] = [];

  /**
   * Builds the routing tables. Throws a {@link RouteTemplateError} for a malformed template
   * and a {@link RouteConflictError} for two routes answering one verb on the same template.
   */
  constructor(routes: readonly RouteSpec<T>[]) {
    const byKey = new Map<string, Building<T>>();
    const builders = new Map<string, ParamsBuilder>();
    for (const r of routes) {
      const template = parseTemplate(r.path, r.name);
      let b = byKey.get(template.key);
      if (!b) {
        b = { verbs: new Map(), onGet: undefined, template };
        byKey.set(template.key, b);
      }
      const entry: Entry<T> = {
        data: r.data,
        name: r.name,
        path: r.path,
        names: template.names,
        fallback: r.fallback === true,
        params: paramsBuilder(template.names, builders),
        match: new Match(r.data, undefined),
      };
      if (r.verbs.length === 0) throw new TypeError(`route ${r.name}: no verbs`);
      for (const v of new Set(r.verbs.map((x) => x.toUpperCase()))) {
        if (!TOKEN.test(v)) throw new TypeError(`route ${r.name}: '${v}' is not an HTTP verb`);
        const old = b.verbs.get(v);
        if (!old || (old.fallback && !entry.fallback)) b.verbs.set(v, entry);
        else if (!old.fallback && !entry.fallback) throw new RouteConflictError([old.name, r.name], v, r.path, old.path);
      }
    }
    const staticLeaves: Building<T>[] = [];
    for (const b of byKey.values()) {
      // HEAD is GET without the body: it goes where GET does unless declared.
      const get = b.verbs.get('GET');
      if (get && !b.verbs.has('HEAD')) b.verbs.set('HEAD', get);
      b.onGet = get;
      if (b.template.names.length === 0) staticLeaves.push(b);
      else for (const parts of b.template.forms) insert(this.root, parts, b);
    }
    freeze(this.root);
    this.hasTemplates = staticLeaves.length < byKey.size;
    for (const b of staticLeaves) {
      const target = this.staticTarget(b);
      for (const parts of b.template.forms) {
        const text = parts[0].kind === 'static' ? parts[0].text : '';
        this.statics.set(text, target);
        // A request's own leading slash then needs no trimmed copy.
        this.statics.set(`/${text}`, target);
      }
    }
  }

  /**
   * The route for a request: `path` is the URL's path without its query, still percent-encoded
   * (only parameters are decoded). Leading and trailing slashes are ignored, as protocols/app.ts
   * ignores them; an empty segment inside (`a//b`) matches no template. Verbs and paths are
   * case-sensitive. A static hit allocates nothing; a parameter hit, its match and params.
   */
  find(method: string, path: string): RouteMatch<T> | RouteMiss {
    let t = this.statics.get(path);
    let start = 0;
    let end = path.length;
    if (t === undefined) {
      while (start < end && path.charCodeAt(start) === 47) start++;
      while (end > start && path.charCodeAt(end - 1) === 47) end--;
      // `x` and `/x` are both keys: only other spellings need a trimmed copy.
      if (start > 1 || end < path.length) t = this.statics.get(path.slice(start, end));
    }
    if (t !== undefined) return (method === 'GET' ? t.onGet : t.verbs.get(method)) ?? t.notAllowed;
    if (!this.hasTemplates) return NOT_FOUND;
    const e = this.walker.find(method, path, start, end);
    if (e === undefined) return this.walker.seen ? this.notAllowed(path, start, end) : NOT_FOUND;
    return this.bind(e, path);
  }

  /** The match for the walker's last find: its parameters cut from the path and decoded. */
  private bind(e: Entry<T>, path: string): RouteMatch<T> | RouteMiss {
    const { starts, ends, escaped } = this.walker;
    const values = this.values;
    const n = e.names.length;
    for (let i = 0; i < n; i++) {
      const raw = path.slice(starts[i], ends[i]);
      const value = escaped[i] ? decode(raw) : raw;
      if (value === undefined) return { miss: 'bad_path', param: e.names[i] };
      values[i] = value;
    }
    return new Match(e.data, e.params(values));
  }

  /** The 405 for a path templates match but not for the verb; rare, so built when asked. */
  private notAllowed(path: string, start: number, end: number): RouteMiss {
    const verbs = new Set<string>();
    this.walker.verbs(path, start, end, verbs);
    return { miss: 'method_not_allowed', allow: allowHeader(verbs) };
  }

  /**
   * A static path's answers, made once: its own verbs, then those templates answer at that path
   * (a static route does not hide `GET /book/{id}` at `/book/new` when it only declares POST).
   */
  private staticTarget(b: Building<T>): StaticTarget<T> {
    const verbs = new Map<string, RouteMatch<T>>();
    for (const [v, e] of b.verbs) verbs.set(v, e.match);
    const parts = b.template.forms[0];
    const text = parts[0].kind === 'static' ? parts[0].text : '';
    const all = new Set(verbs.keys());
    if (this.hasTemplates) {
      this.walker.verbs(text, 0, text.length, all);
      for (const v of all) {
        if (verbs.has(v)) continue;
        const e = this.walker.find(v, text, 0, text.length);
        const m = e && this.bind(e, text);
        if (m && m.miss === undefined) verbs.set(v, new Match(m.data, Object.freeze(m.params)));
      }
    }
    return { verbs, onGet: verbs.get('GET'), notAllowed: Object.freeze({ miss: 'method_not_allowed', allow: allowHeader(all) }) };
  }
}

/** `decodeURIComponent`, or undefined for a malformed escape. */
function decode(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}
