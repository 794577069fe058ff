/**
 * What the one JSON-RPC engine (`engine.ts`) needs of a transport. The engine owns message →
 * calls → answers; a transport says how an answer is written (`Words`: JSON text for HTTP,
 * frames for the socket) and, when it keeps calls open, what happens around them (`CallHost`:
 * the socket's in-flight limit, cancellation and stream pumping). HTTP has no host: one answer
 * text per message, no streams.
 */
import type { RequestInfo } from '../../api/context.ts';
import type { SwitchboardError } from '../../errors/index.ts';
import type { FunctionEntry } from '../../runtime/compile.ts';
import type { JsonEncoder } from '../../schema/json.ts';
import type { ParamsReader } from './params.ts';
import type { RequestId } from './request.ts';

/** A function as a JSON-RPC method, compiled once per engine. */
export interface RpcMethod {
  readonly fn: FunctionEntry;
  readonly read: ParamsReader;
  readonly encode: JsonEncoder;
  /** Its params may hold an int64: reparse them exactly when the text has long integers. */
  readonly int64: boolean;
  /** The URL path a call over a socket reports as its request's path, e.g. `/ws/person/get`. */
  readonly path: string;
}

/** How a transport writes answers of type `A`; the engine decides which, the words how. */
export interface Words<A> {
  /** A result, already encoded as JSON text by the method's encoder. */
  result(id: RequestId, json: string): A;
  /** `code` is JSON-RPC's own code for a fault of the request; without it, the error kind's code. */
  error(id: RequestId, err: SwitchboardError, code?: number): A;
  /** -32600 for a request object of the wrong shape, `[]`, or a batch over the limit. */
  invalid(id: RequestId, err: SwitchboardError): A;
  /** -32700 for a message that is not JSON. */
  parse(err: SwitchboardError): A;
  /** A batch's answers, in request order; `null` where nothing is answered (notifications). */
  batch(parts: readonly (A | null)[]): A | null;
}

/** A transport that keeps calls open: the socket session. */
export interface CallHost<A> {
  /** Refuses a call before its method is looked up (an id already in flight, too many calls), or undefined. */
  admit(id: RequestId): SwitchboardError | undefined;
  /** The request a call's handler sees. */
  request(method: RpcMethod): RequestInfo;
  /** A call is still running: count it in flight until `end`. Returns what `end` takes. */
  begin(id: RequestId, req: RequestInfo): unknown;
  end(token: unknown): void;
  /** Delivers a stream result; resolves to the call's final answer. */
  stream(id: RequestId, method: RpcMethod, req: RequestInfo, stream: AsyncIterable<unknown>): Promise<A>;
  /** `$/cancelRequest`: cancels the call in flight with this id (unknown ids are ignored). */
  cancel(id: RequestId): void;
}

/** Shorthand for what a message or a call answers. */
export type Answer<A> = A | null | Promise<A | null>;
