/**
 * Serving app directories of endpoints: discovery loads their endpoint files and services into
 * the process's registry, and the endpoints are served with the bearer-token step configured
 * from the environment (or the development issuer, said so on stderr).
 */
import { statSync } from 'node:fs';
import type { ApiDef } from '../api/api.ts';
import { loadApp } from '../api/endpoints/discover.ts';
import { endpoints } from '../api/endpoints/registry.ts';
import { bearerAuth } from '../runtime/auth/bearer.ts';
import { authFromEnv } from '../runtime/auth/dev.ts';

/** True when the target names a directory (an app of endpoints), not a module. */
export function isAppDir(target: string): boolean {
  try {
    return statSync(target).isDirectory();
  } catch {
    return false;
  }
}

/** Loads every directory into the registry, then builds its endpoints' APIs. */
export async function loadEndpointApps(dirs: readonly string[], warn: (line: string) => void): Promise<ApiDef[]> {
  const { register } = await import('tsx/esm/api');
  register();
  for (const dir of dirs) await loadApp(dir, endpoints);
  const auth = authFromEnv();
  if (auth.development) {
    warn('switchboard: endpoints accept development tokens (npx switchboard token --sub alice --scope USERINFO); set SWITCHBOARD_AUTH_* for a real issuer\n');
  }
  return endpoints.apis({ auth: bearerAuth(auth.options) });
}
