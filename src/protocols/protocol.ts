/**
 * The protocol contract. A protocol translates between its wire format and calls; it never
 * knows which server runs it, and type conversion comes from `schema/`.
 */
import type { SwitchboardError } from '../errors/index.ts';
import type { Api } from '../runtime/compile.ts';
import type { SbRequest, SbResponse } from '../runtime/http.ts';
import type { StreamBudget } from '../runtime/stream-limits.ts';
import type { TrustProxy } from './public-url.ts';

/** What the app tells a protocol when binding it. */
export interface BindEnv {
  /** Largest request body, in bytes. */
  readonly bodyLimit: number;
  /** Called with every Server fault (not Client ones), so the app can log it. */
  readonly onServerError?: (err: SwitchboardError) => void;
  /** Whether documents believe `X-Forwarded-*` headers (`AppOptions.trustProxy`; see `public-url.ts`). */
  readonly trustProxy?: TrustProxy;
  /** The app's stream budget: every stream a protocol delivers is admitted through it (a protocol bound alone makes its own). */
  readonly streams?: StreamBudget;
  /** Every API the app serves, in its order (filled as they are compiled: read it when answering, not when binding). */
  readonly apis?: readonly Api[];
  /** Every protocol the app serves each API with (documents read how the others are configured: REST's `nest_result`). */
  readonly protocols?: readonly Protocol[];
}

/** How the app recognises requests for a protocol; see `docs/protocols.md` for the order. */
export interface Protocol {
  /** Name used by `?wsmeproto=`. */
  readonly name: string;
  /** Path suffix that selects it, e.g. `.json` (stripped before routing). */
  readonly suffix?: string;
  /** Suffixes that select it and that it reads itself (left on the path it is given): REST's `.json`, `.xml`. */
  readonly suffixes?: readonly string[];
  /** Other names `?wsmeproto=` may give it (REST: `restjson`, `restxml`, which it reads itself). */
  readonly aliases?: readonly string[];
  /** Body media types that select it. */
  readonly consumes: readonly string[];
  /**
   * Form body types it reads (`application/x-www-form-urlencoded`, `multipart/form-data`). A
   * form names no protocol, so these never select one; they are listed in the 415 answer.
   */
  readonly forms?: readonly string[];
  /** Media types it answers in; matched against `Accept`. */
  readonly produces: readonly string[];
  /** Paths below the webpath it owns outright, e.g. `jsonrpc`, `api.wsdl`, `extdirect/router`. */
  readonly endpoints?: readonly string[];
  /** Path prefixes below the webpath it owns, e.g. `extdirect/router/` (sub-namespaces). */
  readonly prefixes?: readonly string[];
  /** The paths index pages link (default: its endpoints that are files, with a dot: `api.wsdl`). */
  readonly listed?: readonly string[];
  /** True for a protocol that only serves documents describing the API (OpenAPI, AsyncAPI…) and takes no calls. */
  readonly documentsOnly?: boolean;
  /** True when it may answer requests for which no protocol is named (the REST default). */
  readonly isDefault?: boolean;
  /** A rule of its own, checked after paths and suffixes (SOAP: a `SOAPAction` header). */
  claims?(req: SbRequest): boolean;
  /** Compiles what it needs for this API, once. */
  bind(api: Api, env: BindEnv): BoundProtocol;
}

export interface BoundProtocol {
  readonly protocol: Protocol;
  /**
   * Answers a request. `rel` is the path below the webpath, without a selecting suffix and
   * without leading or trailing slashes.
   */
  handle(req: SbRequest, rel: string): SbResponse | Promise<SbResponse>;
  /**
   * The protocol's answer for an error found before it could decode (404, 406…); `req`, when
   * given, lets a protocol with several formats answer in the one its `Accept` asks for.
   */
  fault(err: SwitchboardError, req?: SbRequest): SbResponse;
  /**
   * True when every promise `handle` returns resolves, faults included, and never rejects: the
   * app then puts no safety net of its own around it (measured: a promise and a turn of the
   * event loop per call, ~5% of a SOAP call). Leave it unset unless that is proven.
   */
  readonly settles?: boolean;
  /**
   * For a protocol selected by content rather than path (SOAP, at the base path): the methods it
   * takes at `rel`, so an `OPTIONS` there (a CORS preflight) learns them from the route table.
   */
  allow?(rel: string): readonly string[] | undefined;
  /**
   * Releases what it holds between requests (open streams of polling clients, timers). Called
   * once, by `App.close()`, when the app stops; requests after it are not expected.
   */
  close?(): void;
}
