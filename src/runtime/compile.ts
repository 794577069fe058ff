/**
 * Compiling a root: walk the controller tree once at start-up into a frozen table of
 * functions, each with its argument list resolved. Protocols hang their own compiled codecs
 * on each entry (`entry.cache`), so nothing is interpreted per request.
 */
import { OptionalKind, type TSchema } from '@sinclair/typebox';
import type { ControllerDef } from '../api/controller.ts';
import type { FunctionDef, HttpMethod } from '../api/expose.ts';
import type { RootDef } from '../api/root.ts';
import { shapeOf } from '../schema/describe.ts';

export interface ArgSpec {
  readonly name: string;
  readonly schema: TSchema;
  /** Absent → `Missing argument` unless there is a default. */
  readonly required: boolean;
  readonly hasDefault: boolean;
  readonly default: unknown;
}

export interface FunctionEntry {
  /** Controller chain and function name, e.g. `['person', 'get']`. */
  readonly path: readonly string[];
  /** `person.get` */
  readonly name: string;
  readonly def: FunctionDef;
  readonly args: readonly ArgSpec[];
  readonly argsByName: ReadonlyMap<string, ArgSpec>;
  readonly returns: TSchema | undefined;
  /** Per-protocol compiled artefacts, keyed by protocol name. */
  readonly cache: Map<string, unknown>;
}

export interface ControllerEntry {
  readonly path: readonly string[];
  readonly def: ControllerDef;
}

export interface ApiOptions {
  /** Show stacks in faults (`debuginfo`, SOAP `detail`, Ext Direct `where`). */
  debug?: boolean;
}

/** The compiled API every protocol binds to. */
export interface Api {
  readonly root: RootDef;
  readonly webpath: string;
  readonly debug: boolean;
  readonly functions: readonly FunctionEntry[];
  readonly controllers: readonly ControllerEntry[];
  /** By slash path below the webpath: `person/get`. */
  readonly byPath: ReadonlyMap<string, FunctionEntry>;
  /** By dotted name: `person.get`. */
  readonly byName: ReadonlyMap<string, FunctionEntry>;
}

export function compileApi(root: RootDef, options: ApiOptions = {}): Api {
  const functions: FunctionEntry[] = [];
  const controllers: ControllerEntry[] = [];
  const walk = (def: ControllerDef, path: string[]) => {
    controllers.push({ path, def });
    for (const [name, member] of Object.entries(def.members)) {
      if (member.kind === 'controller') walk(member, [...path, name]);
      else functions.push(compileFunction(member, [...path, name]));
    }
  };
  walk(root.tree, []);
  return Object.freeze({
    root,
    webpath: root.webpath,
    debug: options.debug ?? false,
    functions: Object.freeze(functions),
    controllers: Object.freeze(controllers),
    byPath: new Map(functions.map((f) => [f.path.join('/'), f])),
    byName: new Map(functions.map((f) => [f.name, f])),
  });
}

function compileFunction(def: FunctionDef, path: string[]): FunctionEntry {
  const args: ArgSpec[] = Object.entries(def.args).map(([name, schema]) => {
    shapeOf(schema); // fail at start-up for schemas no codec can carry
    const hasDefault = 'default' in schema;
    return { name, schema, required: schema[OptionalKind] !== 'Optional' && !hasDefault, hasDefault, default: schema.default };
  });
  if (def.returns) shapeOf(def.returns);
  return Object.freeze({
    path: Object.freeze(path),
    name: path.join('.'),
    def,
    args: Object.freeze(args),
    argsByName: new Map(args.map((a) => [a.name, a])),
    returns: def.returns,
    cache: new Map(),
  });
}

/** The HTTP verbs a function answers at its own path. */
export function verbsOf(entry: FunctionEntry): readonly HttpMethod[] {
  return entry.def.methods ?? ['GET', 'POST'];
}
