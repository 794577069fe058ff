/**
 * The `Allow` header's verb order: the usual verbs in the order people read them, then any
 * others alphabetically — stable whatever order the routes were declared in.
 */
const ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT'];

/** `GET, HEAD, POST` for a set of verbs. */
export function allowHeader(verbs: Iterable<string>): string {
  return [...new Set(verbs)].sort(compareVerbs).join(', ');
}

function compareVerbs(a: string, b: string): number {
  const i = rank(a);
  const j = rank(b);
  return i !== j ? i - j : a < b ? -1 : a > b ? 1 : 0;
}

function rank(v: string): number {
  const i = ORDER.indexOf(v);
  return i < 0 ? ORDER.length : i;
}
