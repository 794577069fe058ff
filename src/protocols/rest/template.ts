/**
 * Path templates for the REST router: `/book/{id}`, `/api/{entity}/{id}/changes`, `/files/{path*}`.
 * A template is parsed once, at start-up, into the parts the router's tree is built from.
 */

/** A malformed path template; the message names the route and the template. */
export class RouteTemplateError extends Error {
  constructor(
    /** The route's name, as given in its spec. */
    readonly route: string,
    /** The template as written. */
    readonly path: string,
    reason: string,
  ) {
    super(`route ${route}: bad path template '${path}': ${reason}`);
    this.name = 'RouteTemplateError';
  }
}

/**
 * One piece of a parsed template. Static text keeps its separating slashes (`api/v1/res5/`), so
 * the tree matches it as one run of characters; a parameter is always a whole segment.
 */
export type Part =
  | { readonly kind: 'static'; readonly text: string }
  | { readonly kind: 'param'; readonly name: string }
  /** The trailing `{name*}`: the rest of the path, one or more segments. */
  | { readonly kind: 'rest'; readonly name: string };

export interface Template {
  /** The parts, in path order; a static template is one static part (empty text for the root). */
  readonly parts: readonly Part[];
  /** Parameter names in path order (the catch-all last). */
  readonly names: readonly string[];
  /**
   * The template up to parameter names (`book/{}`, `files/{*}`), with non-ASCII written as
   * UTF-8 percent-escapes: two templates with the same key answer the same paths.
   */
  readonly key: string;
  /**
   * The template's spellings a request may use: the canonical one (non-ASCII percent-encoded,
   * as WHATWG URL and browsers send it) first, then the literal one if it differs.
   */
  readonly forms: readonly (readonly Part[])[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const PARAM = /^\{([^{}*]*)(\*?)\}$/;

/**
 * Parses a template. Leading and trailing slashes are ignored, as the router ignores them on
 * requests (the root is `''`); anything else odd — an empty segment, a parameter that is not a
 * whole segment (`/a/b{x}`, `/a/{x}{y}`), a name that is not an identifier or is repeated, a
 * catch-all before the end, `?` or `#` — throws a {@link RouteTemplateError}.
 */
export function parseTemplate(path: string, route: string): Template {
  const fail = (reason: string): never => {
    throw new RouteTemplateError(route, path, reason);
  };
  const text = trimSlashes(path);
  if (/[?#]/.test(text)) fail("'?' and '#' cannot appear in a path");
  const segments = text === '' ? [''] : text.split('/');
  const parts: Part[] = [];
  const names: string[] = [];
  let pending = ''; // static text not yet closed into a part, slashes included
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i];
    const sep = i < segments.length - 1 ? '/' : '';
    if (seg === '' && text !== '') fail(`segment ${i + 1} is empty`);
    if (!seg.includes('{') && !seg.includes('}')) {
      pending += seg + sep;
      continue;
    }
    const m = PARAM.exec(seg);
    if (!m) {
      if (seg.includes('*')) fail(`'${seg}': a catch-all is written {name*}`);
      fail(`'${seg}': a parameter must be a whole segment, one {name} between slashes`);
    }
    const [, name, star] = m!;
    if (!NAME.test(name)) fail(`'${seg}': a parameter name must be an identifier (letters, digits, _)`);
    if (name === '__proto__') fail("'__proto__' cannot name a parameter");
    if (names.includes(name)) fail(`parameter '${name}' appears twice`);
    if (star && sep) fail(`'${seg}': a catch-all must be the last segment`);
    if (pending) parts.push({ kind: 'static', text: pending });
    parts.push(star ? { kind: 'rest', name } : { kind: 'param', name });
    names.push(name);
    pending = sep;
  }
  if (pending || parts.length === 0) parts.push({ kind: 'static', text: pending });
  const canonical = parts.map((p) => (p.kind === 'static' ? { kind: 'static' as const, text: encodeNonAscii(p.text, fail) } : p));
  const key = canonical.map((p) => (p.kind === 'static' ? p.text : p.kind === 'param' ? '{}' : '{*}')).join('');
  const same = canonical.every((p, i) => p.kind !== 'static' || p.text === (parts[i] as { readonly text: string }).text);
  return { parts, names, key, forms: same ? [canonical] : [canonical, parts] };
}

/** Leading and trailing slashes removed, as `trimSlashes` in protocols/app.ts does to requests. */
export function trimSlashes(p: string): string {
  let s = 0;
  let e = p.length;
  while (s < e && p.charCodeAt(s) === 47) s++;
  while (e > s && p.charCodeAt(e - 1) === 47) e--;
  return s === 0 && e === p.length ? p : p.slice(s, e);
}

/** Non-ASCII characters as UTF-8 percent-escapes (uppercase hex, as WHATWG URL writes them). */
function encodeNonAscii(s: string, fail: (reason: string) => never): string {
  let out = '';
  let run = '';
  for (const ch of s) {
    if (ch.charCodeAt(0) < 128) {
      if (run) out += encodeRun(run, fail);
      run = '';
      out += ch;
    } else run += ch;
  }
  return run ? out + encodeRun(run, fail) : out;
}

function encodeRun(run: string, fail: (reason: string) => never): string {
  try {
    return encodeURIComponent(run);
  } catch {
    return fail('it contains a lone surrogate');
  }
}
