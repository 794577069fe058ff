/**
 * The Ext Direct view of an API, compiled once at bind: each function becomes a method of the
 * action named by its controller's dotted path (`person.get` → action `person`, method `get`),
 * with its notation, its form-handler flag, its argument readers and its result encoder.
 */
import { type JsonEncoder, jsonEncoder } from '../../schema/json.ts';
import type { Api, FunctionEntry } from '../../runtime/compile.ts';
import { CallArgs, type ParamsNotation } from './args.ts';

/** The expose extra option that overrides the protocol's `params_notation` for one function. */
export const NOTATION_OPTION = 'extdirect_params_notation';
/** The expose extra option that marks a function as a form handler (`formHandler: true`). */
export const FORM_HANDLER_OPTION = 'extdirect_formhandler';
/**
 * The expose extra option that serves a function to `PollingProvider`s instead of the router:
 * `true` (its events are named by its dotted name) or the event name.
 */
export const POLL_OPTION = 'extdirect_poll';

export interface DirectMethod {
  readonly fn: FunctionEntry;
  readonly action: string;
  readonly name: string;
  readonly formHandler: boolean;
  /** The name of its events when it is polled (`extdirect_poll`), else undefined. */
  readonly poll: string | undefined;
  readonly args: CallArgs;
  readonly encode: JsonEncoder;
}

/** One method's entry in the provider descriptor. */
export type DescribedMethod =
  | { readonly name: string; readonly len: number; readonly formHandler?: true }
  | { readonly name: string; readonly params: readonly string[]; readonly strict: true };

export class MethodTable {
  /** Action → method name → method. Maps, so no action name can reach `Object.prototype`. */
  readonly actions = new Map<string, Map<string, DirectMethod>>();

  constructor(api: Api, notation: ParamsNotation, rootAction: string) {
    for (const fn of api.functions) {
      const action = fn.path.length > 1 ? fn.path.slice(0, -1).join('.') : rootAction;
      const name = fn.path[fn.path.length - 1];
      let methods = this.actions.get(action);
      if (!methods) {
        methods = new Map();
        this.actions.set(action, methods);
      }
      if (methods.has(name)) throw new TypeError(`extdirect: ${action}.${name} is declared twice (is a controller named "${rootAction}"?)`);
      methods.set(name, {
        fn,
        action,
        name,
        formHandler: readFormHandler(fn),
        poll: readPoll(fn),
        args: new CallArgs(fn, noteOf(fn, notation)),
        encode: jsonEncoder(fn.returns),
      });
    }
  }

  find(action: string, method: string): DirectMethod | undefined {
    return this.actions.get(action)?.get(method);
  }

  /** The polled methods, in declaration order. */
  polled(): DirectMethod[] {
    return [...this.actions.values()].flatMap((methods) => [...methods.values()].filter((m) => m.poll !== undefined));
  }

  /** The `actions` member of the provider descriptor; polled methods are not in it. */
  describe(): Record<string, DescribedMethod[]> {
    const out: Record<string, DescribedMethod[]> = {};
    for (const [action, methods] of this.actions) {
      const called = [...methods.values()].filter((m) => m.poll === undefined);
      if (called.length === 0) continue;
      out[action] = called.map((m): DescribedMethod => {
        if (m.formHandler) return { name: m.name, len: 1, formHandler: true };
        if (m.args.notation === 'positional') return { name: m.name, len: m.fn.args.length };
        return { name: m.name, params: m.fn.args.map((a) => a.name), strict: true };
      });
    }
    return out;
  }
}

/**
 * A function without arguments is positional with `len: 0` in either notation, so Ext JS
 * calls it as `fn(callback)` rather than `fn({}, callback)`.
 */
function noteOf(fn: FunctionEntry, fallback: ParamsNotation): ParamsNotation {
  const notation = readNotation(fn, fallback);
  return fn.args.length === 0 ? 'positional' : notation;
}

function readNotation(fn: FunctionEntry, fallback: ParamsNotation): ParamsNotation {
  const v = fn.def.extra[NOTATION_OPTION];
  if (v === undefined) return fallback;
  if (v === 'named' || v === 'positional') return v;
  throw new TypeError(`extdirect: ${fn.name}: ${NOTATION_OPTION} must be 'named' or 'positional', not ${JSON.stringify(v)}`);
}

function readFormHandler(fn: FunctionEntry): boolean {
  const v = fn.def.extra[FORM_HANDLER_OPTION];
  if (v === undefined || v === false) return false;
  if (v === true) return true;
  throw new TypeError(`extdirect: ${fn.name}: ${FORM_HANDLER_OPTION} must be a boolean`);
}

/** Ext JS's Manager gives these two event names a meaning of their own. */
const RESERVED_EVENTS = new Set(['event', 'exception']);

function readPoll(fn: FunctionEntry): string | undefined {
  const v = fn.def.extra[POLL_OPTION];
  if (v === undefined || v === false) return undefined;
  if (v === true) return fn.name;
  if (typeof v === 'string' && v !== '' && !RESERVED_EVENTS.has(v.toLowerCase())) return v;
  throw new TypeError(`extdirect: ${fn.name}: ${POLL_OPTION} must be true or an event name (not "event" or "exception")`);
}
