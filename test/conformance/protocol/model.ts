/**
 * The neutral form the cases speak: a call is a function's dotted name and its arguments; an
 * answer is a value, a fault or a stream. Each driver turns a call into its protocol's request,
 * checks the wire shape of what comes back, and reads it into this form, so a case states the
 * meaning once for every protocol.
 */
import assert from 'node:assert/strict';

/** A value as the cases write it: JSON's, with int64 as bigint and binary as base64 text. */
export type Value = null | boolean | number | bigint | string | readonly Value[] | { readonly [key: string]: Value };

/** A fault, whatever the protocol: whose it is, its message, and what the wire tells beyond that. */
export interface Fault {
  /** The caller's fault (Client/Sender) or the service's (Server/Receiver). */
  readonly side: 'client' | 'server';
  /** The HTTP-like status, when the protocol's fault tells one (see `Carries.statuses`). */
  readonly status: number | undefined;
  readonly message: string;
  /** The stable error code, when the fault carries one. */
  readonly code: string | undefined;
  /** The fault as the wire had it, for what no field may show (a server's internals). */
  readonly wire: string;
  /**
   * The protocol's own name for the fault (JSON-RPC's error code, SOAP's fault code, REST's
   * status), so a case can check that faults of one family answer alike within a protocol.
   */
  readonly form: string;
  /** The `WWW-Authenticate` challenge the answer carried, where the driver sees one (`Carries.challenges`). */
  readonly challenge?: string | undefined;
}

export type Answer =
  /** `status`: the HTTP status of a REST answer (undefined for the others). */
  | { readonly kind: 'value'; readonly value: Value | undefined; readonly status: number | undefined }
  | { readonly kind: 'fault'; readonly fault: Fault }
  /** A stream's items in arrival order; `ended` when the protocol signalled its end. */
  | { readonly kind: 'stream'; readonly items: readonly Value[]; readonly ended: boolean };

/** What a protocol carries, as its driver declares it; cases check only what is declared. */
export interface Carries {
  /** Its faults carry the stable error code (a fault without one then fails the case). */
  readonly codes: boolean;
  /** Its faults tell an HTTP-like status (REST, the WebSocket frame, JSON-RPC's codes). */
  readonly statuses: boolean;
  /** It delivers stream results. */
  readonly streams: boolean;
  /** It has positional calls (`callPositional`). */
  readonly positional: boolean;
  /** A success answers the function's declared status (REST's 201 and 204). */
  readonly successStatus: boolean;
  /** Integers beyond 2^53 reach the handler and come back exactly. */
  readonly int64: boolean;
  /** The code of its "no such function" fault. */
  readonly notFoundCode: string;
  /** Its auth faults carry the `WWW-Authenticate` challenge the driver reads (`Fault.challenge`). */
  readonly challenges: boolean;
}

/** How a call is sent beyond its arguments. */
export interface CallOptions {
  /**
   * A bearer token, sent the protocol's way: `Authorization: Bearer …` on the HTTP request, or
   * on the WebSocket handshake (one socket per token).
   */
  readonly token?: string;
}

/** The `Authorization` header of a call's options (none without a token). */
export const authHeaders = (o: CallOptions | undefined): Record<string, string> => (o?.token === undefined ? {} : { authorization: `Bearer ${o.token}` });

export interface Driver {
  readonly name: string;
  /** The registered protocol it speaks (`restjson`, `soap`… as `defaultProtocols()` names them), or `websocket`. */
  readonly protocol: string;
  readonly carries: Carries;
  /** Serves the kitchen (one server for every case) and connects to it. */
  start(): Promise<void>;
  close(): Promise<void>;
  call(fn: string, args: Readonly<Record<string, Value>>, options?: CallOptions): Promise<Answer>;
  /** Only where `carries.positional`. */
  callPositional(fn: string, args: readonly Value[]): Promise<Answer>;
}

/**
 * A fault's code as the wire has it: the code when there is one; a failure when the driver
 * declares that its protocol carries codes and this fault has none.
 */
export function readCode(raw: unknown, carried: boolean, where: string): string | undefined {
  if (typeof raw === 'string') return raw;
  assert.ok(!carried, `${where}: the fault carries no stable error code, though this protocol declares it carries one (got ${JSON.stringify(raw)})`);
  assert.equal(raw, undefined, `${where}: the error code is not a string`);
  return undefined;
}

/** Refuses a positional call for a protocol that has none. */
export function noPositional(name: string): Promise<Answer> {
  return Promise.reject(new Error(`${name} has no positional calls`));
}
