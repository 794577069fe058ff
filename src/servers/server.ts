/**
 * The server contract (seed 000, the *endpoints* project's `BaseServer`, in TypeScript): an
 * adapter owns a backend, turns each raw request into Switchboard's `SbRequest`, lets the app
 * answer it, and writes the `SbResponse` back in the backend's terms.
 */
import type { App } from '../protocols/app.ts';
import type { SbRequest } from '../runtime/http.ts';

/** The shape of logger Switchboard writes to (pino's, and console-compatible). */
export interface Logger {
  info(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  /** A client's mistake worth noting (a WebSocket protocol error); `info` is used when absent. */
  warn?(obj: object, msg?: string): void;
}

/**
 * `Backend` is the raw server, `Raw` the arguments of its request callback, and `Out` what
 * that callback returns (`void` for node:http, a `Promise<Response>` for the Fetch API).
 */
export abstract class Server<Backend, Raw extends unknown[], Out = unknown> {
  constructor(readonly app: App) {}

  /** `host:port` the server answers on. */
  abstract get hostloc(): string;

  /** Creates the backend (the raw server) this adapter drives. */
  abstract createBackend(): Backend;

  /** Converts the backend's raw request into an `SbRequest`. */
  abstract createRequest(...raw: Raw): SbRequest;

  /** Answers one raw request: `createRequest`, `app.handle`, then write the response back. */
  abstract handleRequest(...raw: Raw): Out;
}
