/**
 * WSME's SOAP names for functions: the operation is the first path segment followed by the
 * others capitalised (`person/get` → `personGet`); its messages are `<op>Request` and
 * `<op>Response`, its wrapper elements `<op>` and `<op>Response`.
 */
import type { FunctionEntry } from '../../runtime/compile.ts';

/** `['person', 'get']` → `personGet`. */
export function operationName(path: readonly string[]): string {
  let name = path[0] ?? '';
  for (let i = 1; i < path.length; i++) name += path[i].charAt(0).toUpperCase() + path[i].slice(1);
  return name;
}

/**
 * Operation names for every function, unique: a clash (`person/get` beside a top-level
 * `personGet`) numbers the later one (`personGet_2`) rather than hiding a function.
 */
export function operationNames(functions: readonly FunctionEntry[]): Map<FunctionEntry, string> {
  const out = new Map<FunctionEntry, string>();
  const taken = new Set<string>();
  for (const fn of functions) {
    const wanted = operationName(fn.path);
    let name = wanted;
    for (let i = 2; taken.has(name); i++) name = `${wanted}_${i}`;
    taken.add(name);
    out.set(fn, name);
  }
  return out;
}
