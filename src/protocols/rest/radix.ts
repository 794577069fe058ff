/**
 * The radix tree the REST router matches templates with. Static text is compressed into edges
 * matched with one `startsWith` (no substring is cut from the request path); a parameter takes
 * one whole segment; a catch-all takes the rest. At each node a static edge is tried before the
 * parameter, and the parameter before the catch-all, backtracking when a branch fails — so the
 * most specific template that answers wins.
 */
import type { Part } from './template.ts';

/** What a template ends at: its entries by verb. */
export interface Leaf<E> {
  readonly verbs: ReadonlyMap<string, E>;
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

/** Kids lists longer than this get an index by char code (a scan is cheaper below). */
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
  /** Whether the last `find` met a template matching the path but not the verb (a 405). */
  seen = false;
  private path = '';
  private end = 0;
  private method = '';

  constructor(private readonly root: RadixNode<E>) {}

  /** The entry for `method` of the most specific template matching `path[start, end)`. */
  find(method: string, path: string, start: number, end: number): E | undefined {
    this.path = path;
    this.end = end;
    this.method = method;
    this.seen = false;
    return this.visit(this.root, start, 0);
  }

  private visit(node: RadixNode<E>, pos: number, depth: number): E | undefined {
    const path = this.path;
    const end = this.end;
    if (pos === end) {
      const leaf = node.leaf;
      if (leaf !== undefined) {
        const e = leaf.verbs.get(this.method);
        if (e !== undefined) return e;
        this.seen = true;
      }
      // Parameters and catch-alls need at least one character: nothing more matches here.
      return undefined;
    }
    const c = path.charCodeAt(pos);
    let kid: RadixNode<E> | undefined;
    if (node.byChar !== undefined) kid = c < 128 ? node.byChar[c] : undefined;
    else {
      const kids = node.kids;
      for (let i = 0; i < kids.length; i++) {
        if (kids[i].first === c) {
          kid = kids[i];
          break;
        }
      }
    }
    if (kid !== undefined) {
      const p = kid.prefix;
      if (pos + p.length <= end && path.startsWith(p, pos)) {
        const e = this.visit(kid, pos + p.length, depth);
        if (e !== undefined) return e;
      }
    }
    if (node.param !== undefined && c !== 47) {
      let stop = path.indexOf('/', pos);
      if (stop < 0 || stop > end) stop = end;
      this.starts[depth] = pos;
      this.ends[depth] = stop;
      const e = this.visit(node.param, stop, depth + 1);
      if (e !== undefined) return e;
    }
    if (node.rest !== undefined) {
      const e = node.rest.verbs.get(this.method);
      if (e !== undefined) {
        this.starts[depth] = pos;
        this.ends[depth] = end;
        return e;
      }
      this.seen = true;
    }
    return undefined;
  }

  /** Every verb any template matching `path[start, end)` answers (for a 405's `Allow`). */
  verbs(path: string, start: number, end: number, out: Set<string>): void {
    this.path = path;
    this.end = end;
    this.collect(this.root, start, out);
  }

  private collect(node: RadixNode<E>, pos: number, out: Set<string>): void {
    const path = this.path;
    const end = this.end;
    if (pos === end) {
      if (node.leaf) for (const v of node.leaf.verbs.keys()) out.add(v);
      return;
    }
    for (const kid of node.kids) {
      if (pos + kid.prefix.length <= end && path.startsWith(kid.prefix, pos)) this.collect(kid, pos + kid.prefix.length, out);
    }
    if (node.param && path.charCodeAt(pos) !== 47) {
      let stop = path.indexOf('/', pos);
      if (stop < 0 || stop > end) stop = end;
      this.collect(node.param, stop, out);
    }
    if (node.rest) for (const v of node.rest.verbs.keys()) out.add(v);
  }
}
