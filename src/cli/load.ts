/** Loading the module `switchboard serve` names: TypeScript through tsx, JavaScript as is. */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Apis, isApis } from '../api/api.ts';
import type { App } from '../protocols/app.ts';

/** The package that runs a `.ts` module on Node 20 (an optional peer dependency). */
export const TS_LOADER = 'tsx';

/** Imports `file` (TypeScript through tsx) and returns the API root or app it exports. */
export async function loadTarget(file: string): Promise<Apis | App> {
  const url = pathToFileURL(resolve(file)).href;
  if (isTypeScript(file)) await registerTypeScript(file);
  const mod = (await import(url)) as Record<string, unknown>;
  for (const key of ['default', 'root', 'app']) {
    const v = mod[key];
    if (isApis(v) || isApp(v)) return v;
  }
  throw new Error(`${file} exports no API root: export default root({...}), api({...}), a list of APIs, or createApp(...)`);
}

export function isTypeScript(file: string): boolean {
  return /\.[cm]?tsx?$/.test(file);
}

let registered = false;

/** Lets `import()` read TypeScript, once per process. tsx is loaded only here, only for a `.ts` module. */
async function registerTypeScript(file: string): Promise<void> {
  if (registered) return;
  let api: { register(): unknown };
  try {
    api = (await import(`${TS_LOADER}/esm/api`)) as { register(): unknown };
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') throw err;
    throw new Error(`${file} is TypeScript, which needs the ${TS_LOADER} package: npm install --save-dev ${TS_LOADER} (or serve the compiled .js)`);
  }
  api.register();
  registered = true;
}

function isApp(v: unknown): v is App {
  return typeof v === 'object' && v !== null && typeof (v as App).handle === 'function' && 'api' in v;
}
