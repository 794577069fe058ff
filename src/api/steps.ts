/**
 * Call steps: what runs between binding a call's arguments and its handler — authentication,
 * authorisation, an application's own checks. Declared on an API, a controller or a function
 * (outermost first), compiled per function at start-up; a function without steps pays nothing.
 */
import type { RequestInfo, StepContext } from './context.ts';

/** What the API, its controllers and the function declare about access (filled by auth). */
export type Policy = Readonly<Record<string, unknown>>;

/** The called function, as a step sees it. */
export interface StepTarget {
  /** Dotted name, e.g. `person.get`. */
  readonly name: string;
  /** The API's name and version. */
  readonly api: { readonly name: string; readonly version: string | undefined };
  /** The function's policy: the API's, overridden by its controllers' and its own. */
  readonly policy: Policy;
  /** Its options' `extra`. */
  readonly extra: Readonly<Record<string, unknown>>;
}

/**
 * One call step. It may look at the arguments (already converted), set `ctx.principal`, and
 * refuse the call by throwing (e.g. `new ClientError('…', { status: 401 })`). It may be async.
 * A step of an API may also judge a WebSocket's handshake (`handshake`).
 */
export type CallStep = ((ctx: StepContext, args: Readonly<Record<string, unknown>>, target: StepTarget) => void | Promise<void>) & {
  readonly handshake?: HandshakeCheck;
};

/**
 * A step's check of a WebSocket handshake to its API: given the handshake's request (as the
 * socket's calls will see it) and the targets of every function callable on the socket, it
 * throws (or rejects with) a client error to refuse the socket — when no call on it could pass
 * the step anyway, e.g. a bearer token that does not verify. Only the API's own steps are asked:
 * they are the ones that run for every function.
 */
export type HandshakeCheck = (request: RequestInfo, targets: readonly StepTarget[]) => void | Promise<void>;
