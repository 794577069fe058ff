/**
 * The explorer: Cloud Endpoints' API Explorer and Channels API's debugger page in one, at
 * `<base>/explorer` for every API. A static page and its assets, served from the package (no
 * build at install time, no network fetches), that calls the real endpoints.
 */
import { documentProtocol } from '../documents.ts';
import type { Protocol } from '../protocol.ts';
import { explorerDescription } from './description.ts';
import { devTokenJson } from './dev-token.ts';
import { EXPLORER_CSS, explorerPage } from './page.ts';
import { EXPLORER_SCRIPT } from './script.ts';

export const EXPLORER_PATH = 'explorer';

/** The explorer protocol: `createApp` adds it outside production (see `AppOptions.explorer`). */
export function explorer(): Protocol {
  return documentProtocol('explorer', [
    { path: EXPLORER_PATH, type: 'text/html; charset=utf-8', render: (_api, base) => explorerPage(new URL(base).pathname.replace(/\/$/, '')) },
    { path: `${EXPLORER_PATH}/explorer.js`, listed: false, type: 'text/javascript; charset=utf-8', render: () => EXPLORER_SCRIPT },
    { path: `${EXPLORER_PATH}/explorer.css`, listed: false, type: 'text/css; charset=utf-8', render: () => EXPLORER_CSS },
    {
      path: `${EXPLORER_PATH}/api.json`,
      listed: false,
      type: 'application/json; charset=utf-8',
      render: (api, base, env) => JSON.stringify(explorerDescription(api, base, env.apis ?? [api])),
    },
    // Answered afresh, only in development, only where the development key set is accepted.
    { path: `${EXPLORER_PATH}/token`, listed: false, fresh: true, type: 'application/json; charset=utf-8', render: (api) => devTokenJson(api) },
  ]);
}

/**
 * Whether the explorer is served: on by default, off when `NODE_ENV=production` unless `enabled`
 * says so (`true` forces it on, `false` off).
 */
export function explorerEnabled(enabled?: boolean, env: string | undefined = process.env.NODE_ENV): boolean {
  return enabled ?? env !== 'production';
}
