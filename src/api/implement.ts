/**
 * Binding handlers by name to functions declared without them (an EDL interface, a model
 * written before its code). Unknown names are refused here; functions still without a handler
 * are reported, all at once, when the API is compiled for serving.
 */
import { declarationError } from '../errors/declaration.ts';
import { type ApiDef, withTree } from './api.ts';
import type { ControllerDef } from './controller.ts';
import type { AnyHandler, FunctionDef } from './expose.ts';

/** Handlers by the function's dotted name (`person.get`). */
export type Handlers = Readonly<Record<string, AnyHandler>>;

/** The API with these handlers bound; a handler given for a function already bound replaces it. */
export function implement(a: ApiDef, handlers: Handlers): ApiDef {
  const used = new Set<string>();
  const walk = (c: ControllerDef, prefix: string): ControllerDef => {
    const members: Record<string, FunctionDef | ControllerDef> = {};
    for (const [name, m] of Object.entries(c.members)) {
      const full = prefix === '' ? name : `${prefix}.${name}`;
      if (m.kind === 'controller') members[name] = walk(m, full);
      else if (Object.hasOwn(handlers, full)) {
        used.add(full);
        members[name] = Object.freeze({ ...m, handler: handlers[full] });
      } else members[name] = m;
    }
    return Object.freeze({ ...c, members: Object.freeze(members) });
  };
  const tree = walk(a.tree, '');
  for (const name of Object.keys(handlers)) if (!used.has(name)) throw declarationError('SB_DECL_UNKNOWN_HANDLER', { name });
  return withTree(a, tree);
}
