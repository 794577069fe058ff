/**
 * Compiling an API: walk its controller tree once at start-up into a frozen table of
 * functions, each with its argument list, HTTP binding, binder and call steps resolved, so
 * nothing is interpreted per request. Everything that cannot be served as declared is a
 * declaration error here (a schema no codec carries, a binding that does not fit, handlers
 * still missing — all of them named at once).
 */
import { Kind, OptionalKind, type TSchema } from '@sinclair/typebox';
import type { ApiDef } from '../api/api.ts';
import type { ControllerDef } from '../api/controller.ts';
import type { AnyHandler, FunctionDef, HttpMethod } from '../api/expose.ts';
import type { CallStep, Policy, StepTarget } from '../api/steps.ts';
import { declarationError } from '../errors/declaration.ts';
import { shapeOf } from '../schema/describe.ts';
import { type StandardSchemaV1, unrepresentableOf } from '../schema/standard.ts';
import { Binder } from './binder.ts';
import { type Binding, resolveBinding } from './binding.ts';
import { checkCarried } from './carried.ts';
import { type CallObserver, combineObservers } from './observe.ts';
import { type StepRunner, compileSteps } from './steps.ts';

export interface ArgSpec {
  readonly name: string;
  readonly schema: TSchema;
  /** Absent → `Missing argument` unless there is a default. */
  readonly required: boolean;
  readonly hasDefault: boolean;
  readonly default: unknown;
  /** The schema may hold `null` (so a positional `null` is a value, not "left out"). */
  readonly takesNull: boolean;
  /** The Standard Schema it was declared with, whose own `validate` runs after the model's. */
  readonly standard?: StandardSchemaV1;
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
  /** Its HTTP binding, resolved. */
  readonly binding: Binding;
  /** The one binder of its arguments. */
  readonly binder: Binder;
  /** Its call steps, compiled; undefined when it has none. */
  readonly steps: StepRunner | undefined;
  /** What its steps are told about it. */
  readonly target: StepTarget;
  readonly handler: AnyHandler;
  /** Its call observers as one; undefined when there are none. */
  readonly observe?: CallObserver;
}

export interface ApiOptions {
  /** Show stacks in faults (`debuginfo`, SOAP `detail`, Ext Direct `where`). */
  debug?: boolean;
  /** Told of every call (logs, metrics, traces); see `observe.ts`. */
  observers?: readonly CallObserver[];
}

/** The compiled API every protocol binds to. */
export interface Api {
  readonly def: ApiDef;
  /** The declaration (the same as `def`; WSME's name). */
  readonly root: ApiDef;
  /** The base path: leading slash, no trailing one; `''` for the server root. */
  readonly webpath: string;
  readonly debug: boolean;
  readonly functions: readonly FunctionEntry[];
  /** By dotted name: `person.get`. */
  readonly byName: ReadonlyMap<string, FunctionEntry>;
  /** Its call observers as one (protocols tell them of calls refused before the call path); undefined when none. */
  readonly observe?: CallObserver;
}

export function compileApi(def: ApiDef, options: ApiOptions = {}): Api {
  const functions: FunctionEntry[] = [];
  const missing: string[] = [];
  const observe = combineObservers(options.observers);
  const walk = (c: ControllerDef, names: string[], segments: string[], steps: readonly CallStep[], policy: Policy) => {
    for (const [name, member] of Object.entries(c.members)) {
      if (member.kind === 'controller') {
        const seg = member.path ?? name;
        walk(member, [...names, name], [...segments, seg], [...steps, ...member.steps], { ...policy, ...member.policy });
      } else {
        const entry = compileFunction(def, member, [...names, name], segments, name, [...steps, ...member.steps], { ...policy, ...member.policy }, observe);
        if (entry) functions.push(entry);
        else missing.push([...names, name].join('.'));
      }
    }
  };
  walk(def.tree, [], [], def.steps, { ...def.policy });
  if (missing.length > 0) throw declarationError('SB_DECL_MISSING_HANDLERS', { count: missing.length, names: missing.join(', ') });
  return Object.freeze({
    def,
    root: def,
    webpath: def.basePath,
    debug: options.debug ?? false,
    functions: Object.freeze(functions),
    byName: new Map(functions.map((f) => [f.name, f])),
    observe,
  });
}

function compileFunction(
  a: ApiDef,
  def: FunctionDef,
  path: string[],
  segments: readonly string[],
  own: string,
  steps: readonly CallStep[],
  policy: Policy,
  observe?: CallObserver,
): FunctionEntry | undefined {
  const name = path.join('.');
  const args: ArgSpec[] = Object.entries(def.args).map(([argName, schema]) => {
    if (typeof schema !== 'object' || schema === null || !(Kind in schema)) {
      throw declarationError('SB_DECL_UNSUPPORTED_SCHEMA', {
        function: name,
        place: `argument "${argName}"`,
        reason: 'it is not a schema (build it with t or TypeBox)',
      });
    }
    representable(schema, name, `argument "${argName}"`);
    checkCarried(schema, name, `argument "${argName}"`);
    const hasDefault = 'default' in schema;
    const k = shapeOf(schema).k;
    return {
      name: argName,
      schema,
      required: schema[OptionalKind] !== 'Optional' && !hasDefault,
      hasDefault,
      default: schema.default,
      takesNull: k === 'nullable' || k === 'null' || k === 'any',
      standard: Object.hasOwn(def.standard ?? {}, argName) ? def.standard[argName] : undefined,
    };
  });
  if (def.returns) {
    representable(def.returns, name, 'the result');
    checkCarried(def.returns, name, 'the result');
  }
  const binding = resolveBinding(def, name, segments, own, a.verbs);
  if (!def.handler) return undefined;
  const target: StepTarget = Object.freeze({ name, api: { name: a.name, version: a.version }, policy: Object.freeze(policy), extra: def.extra });
  return Object.freeze({
    path: Object.freeze(path),
    name,
    def,
    args: Object.freeze(args),
    argsByName: new Map(args.map((x) => [x.name, x])),
    returns: def.returns,
    binding,
    binder: new Binder(name, args),
    steps: compileSteps(steps, target),
    target,
    handler: def.handler,
    observe,
  });
}

/** A Standard Schema that could not be converted is reported here, where the function has its name. */
function representable(schema: TSchema, fn: string, place: string): void {
  const bad = unrepresentableOf(schema);
  if (!bad) return;
  throw declarationError('SB_DECL_UNREPRESENTABLE_SCHEMA', {
    function: fn,
    place: bad.at ? `${place} (at ${bad.at})` : place,
    vendor: bad.vendor,
    construct: bad.construct,
  });
}

/** The HTTP verbs a function answers at its own path. */
export function verbsOf(entry: FunctionEntry): readonly HttpMethod[] {
  return entry.binding.verbs;
}
