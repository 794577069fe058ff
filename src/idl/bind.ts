/**
 * Binding handlers to a compiled EDL file by operation name (`GetBookById`, or
 * `RestAPI.GetBookById` where two interfaces share a name). A name that is no operation is
 * refused; operations left without a handler are one start-up error naming them all; each
 * handler's result is projected to its response view.
 */
import type { ApiDef } from '../api/api.ts';
import type { CallContext } from '../api/context.ts';
import type { AnyHandler } from '../api/expose.ts';
import { implement } from '../api/implement.ts';
import { declarationError } from '../errors/declaration.ts';
import { SwitchboardError, sbError } from '../errors/errors.ts';
import type { Operation, Program } from './program.ts';
import { projector } from './project.ts';

/** A handler of an operation: its arguments (as the generated `…Args` type) and the call context. */
export type EdlHandler = (args: never, ctx: CallContext) => unknown;
/** Handlers by operation name; the generated `Handlers` interface types them (`satisfies Handlers<CallContext>`). */
export type EdlHandlers<H extends object = Record<string, EdlHandler>> = { readonly [K in keyof H]: EdlHandler };

function isAsyncIterable(v: unknown): v is AsyncIterable<unknown> {
  return typeof v === 'object' && v !== null && Symbol.asyncIterator in v;
}

/**
 * A status the handler answers (a fault, or a `Redirect`'s 3xx) must be one the operation declares: another is the
 * service's bug (SB_UNDECLARED_STATUS). An operation that declares no status is not checked;
 * a bad argument (SB_INVALID_INPUT, 400) any operation may answer, as its binder does.
 */
function statusCheck(op: Operation): (err: unknown) => unknown {
  const declared = op.statuses.map((s) => s.code);
  if (declared.length === 0) return (err) => err;
  return (err) => {
    if (!(err instanceof SwitchboardError) || err.status < 300 || declared.includes(err.status) || err.code === 'SB_INVALID_INPUT') return err;
    return sbError('SB_UNDECLARED_STATUS', { name: op.name, status: err.status, declared: declared.join(', ') });
  };
}

/**
 * The API with the handlers bound; `defaults` (by full name: the store's) answer the operations
 * the handlers leave out.
 */
export function bindHandlers<H extends object>(
  model: ApiDef,
  program: Program,
  handlers: EdlHandlers<H>,
  defaults: Readonly<Record<string, EdlHandler>> = {},
): ApiDef {
  const byName = new Map<string, string[]>();
  for (const op of program.operations) {
    const full = op.interface === '' ? op.name : `${op.interface}.${op.name}`;
    byName.set(full, [full]);
    byName.set(op.name, [...(byName.get(op.name) ?? []), full]);
  }
  const bound: Record<string, AnyHandler> = {};
  for (const [name, h] of Object.entries(handlers as Record<string, EdlHandler>)) {
    const targets = byName.get(name);
    // A bare name two interfaces share is ambiguous: it must be qualified.
    if (targets?.length !== 1) throw declarationError('SB_DECL_UNKNOWN_HANDLER', { name });
    bound[targets[0]] = h as AnyHandler;
  }
  for (const [full, h] of Object.entries(defaults)) if (!(full in bound)) bound[full] = h as AnyHandler;
  const missing = program.operations.filter((op) => !(`${op.interface === '' ? '' : `${op.interface}.`}${op.name}` in bound)).map((op) => op.name);
  if (missing.length > 0) throw declarationError('SB_DECL_MISSING_HANDLERS', { count: missing.length, names: missing.join(', ') });
  for (const op of program.operations) {
    const full = op.interface === '' ? op.name : `${op.interface}.${op.name}`;
    const project = (op.responseBody && op.success !== 204 ? projector(program, op.responseBody.type) : undefined) ?? ((v: unknown) => v);
    const check = statusCheck(op);
    const h = bound[full];
    bound[full] = (args, ctx) => {
      let out: unknown;
      try {
        out = h(args, ctx);
      } catch (err) {
        throw check(err);
      }
      if (out instanceof Promise)
        return out.then(project, (err: unknown) => {
          throw check(err);
        });
      return isAsyncIterable(out) ? out : project(out);
    };
  }
  return implement(model, bound);
}
