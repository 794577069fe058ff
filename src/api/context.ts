/** What a handler may know of the request that called it, whatever the protocol. */
export interface RequestInfo {
  /** HTTP verb (`GET`, `POST`…); `WS` for calls over a WebSocket. */
  readonly method: string;
  /** URL path, without the query string. */
  readonly path: string;
  /** Raw query string, without `?`. */
  readonly query: string;
  /** A header's value by lower-case name. */
  header(name: string): string | undefined;
  /** The client's address, when the server knows it. */
  readonly remoteAddress: string | undefined;
  /** Aborted when the client goes away. */
  readonly signal: AbortSignal;
}

/** The second argument of every handler. */
export interface CallContext {
  readonly request: RequestInfo;
  /** Aborted when the caller goes away or the call is cancelled. */
  readonly signal: AbortSignal;
  /** The function's dotted name, e.g. `person.get`. */
  readonly name: string;
}
