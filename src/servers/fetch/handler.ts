/**
 * The Fetch-API adapter: `(request: Request) => Promise<Response>` for runtimes that speak
 * Fetch (Deno, Bun, Cloudflare Workers, Node's own `Request`/`Response`). A native path: the
 * `SbRequest` reads the `Request` directly.
 */
import { type Apis, isApis } from '../../api/api.ts';
import { type App, type AppOptions, createApp } from '../../protocols/app.ts';
import type { SbResponse } from '../../runtime/http.ts';
import { type Logger, Server } from '../server.ts';
import { FetchRequest } from './request.ts';
import { toFetchResponse } from './response.ts';

export type FetchHandler = (request: Request) => Promise<Response>;

export interface FetchServerOptions {
  /** Told of every request that fails past the protocols (a bug, never a client error). */
  logger?: Logger;
  /** The client's address, when the runtime knows it (Deno's `info.remoteAddr`, a header…). */
  remoteAddress?: (request: Request) => string | undefined;
}

export class FetchServer extends Server<FetchHandler, [Request], Promise<Response>> {
  /** The handler to give the runtime (`Deno.serve(server.backend)`, `export default { fetch }`). */
  readonly backend: FetchHandler;
  private host = '';

  constructor(
    app: App,
    private readonly options: FetchServerOptions = {},
  ) {
    super(app);
    this.backend = this.createBackend();
  }

  /** The runtime owns the socket: this is the `host:port` of the first request's URL. */
  get hostloc(): string {
    return this.host;
  }

  createBackend(): FetchHandler {
    return (request) => this.handleRequest(request);
  }

  createRequest(request: Request): FetchRequest {
    return new FetchRequest(request, this.options.remoteAddress?.(request));
  }

  async handleRequest(request: Request): Promise<Response> {
    if (this.host === '') this.host = new URL(request.url).host;
    let out: SbResponse;
    try {
      out = await this.app.handle(this.createRequest(request));
    } catch (err) {
      this.options.logger?.error({ err }, 'unhandled error while answering');
      return new Response(null, { status: 500 });
    }
    return toFetchResponse(out);
  }
}

/**
 * A Fetch handler for a root (or a built app).
 *
 * ```ts
 * import { fetchHandler } from 'switchboard/fetch';
 * export default { fetch: fetchHandler(personsRoot()) };
 * ```
 */
export function fetchHandler(rootOrApp: Apis | App, options: AppOptions & FetchServerOptions = {}): FetchHandler {
  const app = isApis(rootOrApp) ? createApp(rootOrApp, options) : rootOrApp;
  return new FetchServer(app, options).backend;
}
