/**
 * Controllers group functions and other controllers under a path segment, as WSME's do. A
 * controller is either built with `controller({...})` or is an instance of a class whose
 * methods carry `@expose`; both read into the same `ControllerDef`.
 */
import { type FunctionDef, exposedMethod } from './expose.ts';
import type { CallStep, Policy } from './steps.ts';

/** A controller; `M` records its members' declarations for typed clients. */
export interface ControllerDef<M = unknown> {
  readonly kind: 'controller';
  readonly members: Readonly<Record<string, FunctionDef | ControllerDef>>;
  readonly doc: string | undefined;
  /** Its path segment(s) below its parent; undefined: its member name. */
  readonly path: string | undefined;
  /** Call steps of every function below it, after its parent's. */
  readonly steps: readonly CallStep[];
  /** Access policy of every function below it, over its parent's. */
  readonly policy: Policy | undefined;
  /** Types only, never set: the members as declared, for typed clients. */
  readonly __declared?: M;
}

/** Options of a controller. */
export interface ControllerOptions {
  doc?: string;
  /** Its path below its parent (default: the name it is given there); `''` adds no segment. */
  path?: string;
  steps?: readonly CallStep[];
  policy?: Policy;
}

/** Anything that reads as a controller member. */
export type Member = FunctionDef | ControllerDef | object;

/** Groups functions and nested controllers. */
export function controller<M extends Record<string, Member>>(members: M, options: ControllerOptions = {}): ControllerDef<M> {
  const out: Record<string, FunctionDef | ControllerDef> = {};
  for (const [name, m] of Object.entries(members)) {
    const def = readMember(m);
    if (!def) {
      const hint = typeof m === 'function' ? ' (for a class, pass an instance: new MyController())' : '';
      throw new TypeError(`controller: member "${name}" is neither an exposed function nor a controller${hint}`);
    }
    out[name] = def;
  }
  return Object.freeze({
    kind: 'controller' as const,
    members: Object.freeze(out),
    doc: options.doc,
    path: options.path,
    steps: Object.freeze([...(options.steps ?? [])]),
    policy: options.policy,
  });
}

function isDef(m: unknown): m is FunctionDef | ControllerDef {
  return typeof m === 'object' && m !== null && ((m as FunctionDef).kind === 'function' || (m as ControllerDef).kind === 'controller');
}

/** Reads a member: a definition as it is, or a class instance with exposed methods. */
export function readMember(m: unknown): FunctionDef | ControllerDef | undefined {
  if (isDef(m)) return m;
  if (typeof m !== 'object' || m === null) return undefined;
  return controllerOfInstance(m);
}

/** The controller of a class instance: its `@expose`d methods and its controller-valued properties. */
function controllerOfInstance(instance: object): ControllerDef | undefined {
  const members: Record<string, FunctionDef | ControllerDef> = {};
  // A subclass's method hides its parent's of the same name, exposed or not.
  const seen = new Set<string>();
  for (let proto = Object.getPrototypeOf(instance); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const key of Object.getOwnPropertyNames(proto)) {
      if (key === 'constructor' || seen.has(key)) continue;
      seen.add(key);
      const desc = Object.getOwnPropertyDescriptor(proto, key);
      const def = exposedMethod(desc?.value);
      if (def) {
        members[key] = Object.freeze({ ...def, handler: def.handler?.bind(instance) });
      }
    }
  }
  for (const [key, value] of Object.entries(instance)) {
    if (key in members) continue;
    const def = isDef(value) ? value : typeof value === 'object' && value !== null ? controllerOfInstance(value) : undefined;
    if (def) members[key] = def;
  }
  if (Object.keys(members).length === 0) return undefined;
  return Object.freeze({ kind: 'controller' as const, members: Object.freeze(members), doc: undefined, path: undefined, steps: [], policy: undefined });
}
