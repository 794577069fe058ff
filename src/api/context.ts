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

/** Who is calling, as an authentication step established it. */
export interface Principal {
  /** The subject (`sub`). */
  readonly subject?: string;
  readonly email?: string;
  readonly scopes?: readonly string[];
  /** The client the credentials were issued to (`azp`, `client_id`). */
  readonly clientId?: string;
  /** Every claim of the credentials. */
  readonly claims?: Readonly<Record<string, unknown>>;
}

/** The second argument of every handler. */
export interface CallContext {
  readonly request: RequestInfo;
  /** Aborted when the caller goes away or the call is cancelled. */
  readonly signal: AbortSignal;
  /** The function's dotted name, e.g. `person.get`. */
  readonly name: string;
  /** The caller, when a call step authenticated one. */
  readonly principal: Principal | undefined;
}

/** The context a call step sees: the handler's, with the principal still to be set. */
export interface StepContext extends CallContext {
  principal: Principal | undefined;
}
