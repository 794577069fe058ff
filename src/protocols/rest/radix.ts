/**
 * The radix tree the REST router matches templates with. Static text is compressed into edges
 * compared in place (no substring is cut from the request path to match it); a parameter takes
 * one whole segment; a catch-all takes the rest. At each node a static edge is tried before the
 * parameter, and the parameter before the catch-all, backtracking when a branch fails — so the
 * most specific template that answers wins.
 */
import type { Part } from './template.ts';

/** What a template ends at: its entries by verb. */
export interface Leaf<E> {
  readonly verbs: ReadonlyMap<string, E>;
  /** `verbs.get('GET')`, read without a Map lookup for the commonest verb. */
  readonly onGet: E | undefined;
}

/** The leaf's entry for a verb. */
function entryOf<E>(leaf: Leaf<E>, method: string): E | undefined {
  return method === 'GET' ? leaf.onGet : leaf.verbs.get(method);
}

/** The state after a node's prefix is consumed. */
export class RadixNode<E> {
  /** Char code of the prefix's first character (the edge's label), -1 for the empty prefix. */
  first: number;
  kids: RadixNode<E>[] = [];
  /** Kids by first char code, for nodes with many kids (built by {@link freeze}). */
  byChar: (RadixNode<E> | undefined)[] | undefined = undefined;
  /** The node after a `{name}` segment; only at segment starts. */
  param: RadixNode<E> | undefined = undefined;
  /** The leaf of a trailing `{name*}` at this node. */
  rest: Leaf<E> | undefined = undefined;
  /** The leaf of a template ending exactly here. */
  leaf: Leaf<E> | undefined = undefined;

  constructor(public prefix: string) {
    this.first = prefix === '' ? -1 : prefix.charCodeAt(0);
  }
}

/** Adds a template's parts below `root`; the leaf goes at the end (or as the catch-all). */
export function insert<E>(root: RadixNode<E>, parts: readonly Part[], leaf: Leaf<E>): void {
  let node = root;
  for (const part of parts) {
    if (part.kind === 'static') node = insertStatic(node, part.text);
    else if (part.kind === 'param') node = node.param ??= new RadixNode<E>('');
    else {
      // Two spellings of one template share their leaf; different templates never meet here.
      node.rest ??= leaf;
      return;
    }
  }
  node.leaf ??= leaf;
}

function insertStatic<E>(node: RadixNode<E>, text: string): RadixNode<E> {
  while (text !== '') {
    const c = text.charCodeAt(0);
    const i = node.kids.findIndex((k) => k.first === c);
    if (i < 0) {
      const kid = new RadixNode<E>(text);
      node.kids.push(kid);
      return kid;
    }
    let kid = node.kids[i];
    let n = 1;
    while (n < kid.prefix.length && n < text.length && kid.prefix.charCodeAt(n) === text.charCodeAt(n)) n++;
    if (n < kid.prefix.length) {
      // Split the edge: the common part becomes a node of its own, the old kid hangs below it.
      const mid = new RadixNode<E>(kid.prefix.slice(0, n));
      kid.prefix = kid.prefix.slice(n);
      kid.first = kid.prefix.charCodeAt(0);
      mid.kids.push(kid);
      node.kids[i] = mid;
      kid = mid;
    }
    node = kid;
    text = text.slice(n);
  }
  return node;
}

/**
 * Whether `prefix` is at `path[pos]` and ends by `end`, its first character already checked.
 * A `charCodeAt` loop, which the JIT inlines: `startsWith` is a builtin call, measured ~10 %
 * dearer per parameter hit on the short edges a tree of numbered resources has.
 */
function startsAt(path: string, pos: number, end: number, prefix: string): boolean {
  const n = prefix.length;
  if (pos + n > end) return false;
  for (let j = 1; j < n; j++) if (path.charCodeAt(pos + j) !== prefix.charCodeAt(j)) return false;
  return true;
}

/** Kids lists longer than this get an index by char code; shorter ones are scanned. */
const INDEX_FROM = 4;

/** Builds the per-node indexes once every template is in. */
export function freeze<E>(node: RadixNode<E>): void {
  if (node.kids.length > INDEX_FROM && node.kids.every((k) => k.first < 128)) {
    node.byChar = new Array<RadixNode<E> | undefined>(128).fill(undefined);
    for (const k of node.kids) node.byChar[k.first] = k;
  }
  for (const k of node.kids) freeze(k);
  if (node.param) freeze(node.param);
}

/**
 * Matches paths against a tree. One walker per router, reused: `find` is synchronous, so its
 * scratch state (where each parameter starts and ends) needs no allocation per call.
 */
export class Walker<E> {
  /** Parameter bounds of the last match, in path order. */
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  /** Whether each parameter holds a `%` (needs decoding), seen while scanning it. */
  readonly escaped: boolean[] = [];
  /** Whether the last `find` met a template matching the path but not the verb (a 405). */
  seen = false;
  private method = '';

  constructor(private readonly root: RadixNode<E>) {}

  /** The entry for `method` of the most specific template matching `path[start, end)`. */
  find(method: string, path: string, start: number, end: number): E | undefined {
    this.method = method;
    this.seen = false;
    return this.visit(this.root, path, start, end, 0);
  }

  /**
   * Matches below `node` from `pos`. Where there is nothing to come back to — no parameter or
   * catch-all behind a static edge, no catch-all behind a parameter — the walk goes on in the
   * loop; it recurses only where a failed branch must fall back to the next.
   */
  private visit(node: RadixNode<E>, path: string, pos: number, end: number, depth: number): E | undefined {
    for (;;) {
      if (pos === end) {
        const leaf = node.leaf;
        if (leaf !== undefined) {
          const e = entryOf(leaf, this.method);
          if (e !== undefined) return e;
          this.seen = true;
        }
        // Parameters and catch-alls need at least one character: nothing more matches here.
        return undefined;
      }
      const c = path.charCodeAt(pos);
      let kid: RadixNode<E> | undefined;
      const index = node.byChar;
      if (index !== undefined) kid = c < 128 ? index[c] : undefined;
      else {
        const kids = node.kids;
        for (let i = 0; i < kids.length; i++) {
          if (kids[i].first === c) {
            kid = kids[i];
            break;
          }
        }
      }
      const param = node.param;
      const rest = node.rest;
      if (kid !== undefined && startsAt(path, pos, end, kid.prefix)) {
        if (param === undefined && rest === undefined) {
          pos += kid.prefix.length;
          node = kid;
          continue;
        }
        const e = this.visit(kid, path, pos + kid.prefix.length, end, depth);
        if (e !== undefined) return e;
      }
      // A parameter takes one whole, non-empty segment, noting whether it needs decoding.
      if (param !== undefined && c !== 47) {
        let escaped = c === 37;
        let stop = pos + 1;
        for (; stop < end; stop++) {
          const ch = path.charCodeAt(stop);
          if (ch === 47) break;
          if (ch === 37) escaped = true;
        }
        this.starts[depth] = pos;
        this.ends[depth] = stop;
        this.escaped[depth] = escaped;
        if (rest === undefined) {
          node = param;
          pos = stop;
          depth++;
          continue;
        }
        const e = this.visit(param, path, stop, end, depth + 1);
        if (e !== undefined) return e;
      }
      if (rest !== undefined) {
        const e = entryOf(rest, this.method);
        if (e !== undefined) {
          this.starts[depth] = pos;
          this.ends[depth] = end;
          const pct = path.indexOf('%', pos);
          this.escaped[depth] = pct >= 0 && pct < end;
          return e;
        }
        this.seen = true;
      }
      return undefined;
    }
  }

  /** Every verb any template matching `path[start, end)` answers (for a 405's `Allow`). */
  verbs(path: string, start: number, end: number, out: Set<string>): void {
    this.collect(this.root, path, start, end, out);
  }

  private collect(node: RadixNode<E>, path: string, pos: number, end: number, out: Set<string>): void {
    if (pos === end) {
      if (node.leaf) for (const v of node.leaf.verbs.keys()) out.add(v);
      return;
    }
    for (const kid of node.kids) {
      if (pos + kid.prefix.length <= end && path.startsWith(kid.prefix, pos)) this.collect(kid, path, pos + kid.prefix.length, end, out);
    }
    if (node.param && path.charCodeAt(pos) !== 47) {
      let stop = path.indexOf('/', pos);
      if (stop < 0 || stop > end) stop = end;
      this.collect(node.param, path, stop, end, out);
    }
    if (node.rest) for (const v of node.rest.verbs.keys()) out.add(v);
  }
}
