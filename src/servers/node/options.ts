/**
 * What `serve()` takes and gives back, declared without node's types so the package's root
 * entry stays usable from a project that has no `@types/node` (`"types": []`). The node:http
 * details (`Running.server`) are in `switchboard/node`.
 */
import type { App, AppOptions } from '../../protocols/app.ts';
import type { Logger } from '../server.ts';

export interface NodeServerOptions {
  /** One line per request and every server fault. */
  logger?: Logger;
  /**
   * Milliseconds an answer may take to drain to the client (for a stream: each time its
   * buffer fills). A client that has not read it by then is disconnected and its memory freed
   * (default 30 000; 0: never). See docs/limits.md.
   */
  sendTimeout?: number;
}

export interface ServeOptions extends AppOptions, NodeServerOptions {
  /** Default: `PORT` env, else 8080. Use 0 for any free port. */
  port?: number;
  /** Default: `HOST` env, else 127.0.0.1. */
  host?: string;
}

/** A server `serve()` started. */
export interface Serving {
  readonly app: App;
  /** `http://host:port` */
  readonly url: string;
  /** Stops accepting, lets in-flight requests finish for up to `graceMs`, then closes what is left. */
  close(graceMs?: number): Promise<void>;
}
