/**
 * Query strings and urlencoded forms: splitting `a=1&b=2` into pairs, and WSME's complex
 * notation (`p.id=1`, `p.hobbies[0]=x`, `v[0].inner.aint=54`, `d[key]=v`) into text trees.
 */
import { sbError } from '../errors/index.ts';
import type { TextTree } from './text.ts';

type TextMap = { [key: string]: TextTree };

/** Decodes one urlencoded key or value (`+` is a space); a malformed one is a client error. */
export function decodeComponent(part: string): string {
  if (part.indexOf('+') !== -1) part = part.replace(/\+/g, ' ');
  if (part.indexOf('%') === -1) return part;
  try {
    return decodeURIComponent(part);
  } catch {
    throw sbError('SB_BAD_ENCODING', { part });
  }
}

/** Splits an urlencoded string into decoded `[key, value]` pairs, keeping order and repeats. */
export function parsePairs(text: string): [string, string][] {
  const pairs: [string, string][] = [];
  if (text === '') return pairs;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('&', start);
    if (end === -1) end = text.length;
    if (end > start) {
      const eq = text.indexOf('=', start);
      if (eq === -1 || eq > end) pairs.push([decodeComponent(text.slice(start, end)), '']);
      else pairs.push([decodeComponent(text.slice(start, eq)), decodeComponent(text.slice(eq + 1, end))]);
    }
    start = end + 1;
  }
  return pairs;
}

/** Reads a key like `p.hobbies[0]` into its segments `['p', 'hobbies', '0']`; `d[a.b]` is `['d', 'a.b']`. */
export function keyPath(key: string): string[] {
  if (key.indexOf('.') === -1 && key.indexOf('[') === -1) return [key];
  const out: string[] = [];
  const re = /([^.[\]]+)|\[([^\]]*)\]/g;
  let m: RegExpExecArray | null = re.exec(key);
  while (m !== null) {
    out.push(m[1] ?? m[2]);
    m = re.exec(key);
  }
  // `v[]=a&v[]=b` (PHP, jQuery) is the repeated key `v`.
  if (out.length > 1 && out[out.length - 1] === '') out.pop();
  return out;
}

/**
 * Builds the text tree of a list of pairs. A key given twice yields an array of its values (so a
 * scalar argument can report it, and an array argument can take it); nested keys yield maps.
 */
export function pairsToTree(pairs: [string, string][], into: TextMap = Object.create(null)): TextMap {
  for (const [key, value] of pairs) {
    const path = keyPath(key);
    let node: TextMap = into;
    for (let i = 0; i < path.length - 1; i++) {
      const seg = path[i];
      let next = node[seg];
      if (next === undefined) {
        next = Object.create(null) as TextMap;
        node[seg] = next;
      } else if (typeof next !== 'object' || next === null || Array.isArray(next)) {
        throw sbError('SB_PARAMETER_SHAPE', { name: path.slice(0, i + 1).join('.') });
      }
      node = next as TextMap;
    }
    const last = path[path.length - 1];
    const prev = node[last];
    if (prev === undefined) node[last] = value;
    else if (Array.isArray(prev)) prev.push(value);
    else if (typeof prev === 'string') node[last] = [prev, value];
    else throw sbError('SB_PARAMETER_SHAPE', { name: key });
  }
  return into;
}
