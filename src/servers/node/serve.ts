/**
 * `serve()` as the package's root entry exports it: the node:http server, typed without node's
 * types (see `options.ts`). `switchboard/node` exports the same function with `Running.server`.
 */
import type { Apis } from '../../api/api.ts';
import type { App } from '../../protocols/app.ts';
import type { ServeOptions, Serving } from './options.ts';
import { serve as serveNode } from './server.ts';

/** Serves a root (or a built app) on node:http; resolves once it listens. */
export const serve: (rootOrApp: Apis | App, options?: ServeOptions) => Promise<Serving> = serveNode;
