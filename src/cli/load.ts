/** Loading the module `switchboard serve` names: TypeScript through tsx, JavaScript as is. */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Apis, isApis } from '../api/api.ts';
import type { App } from '../protocols/app.ts';

export async function loadTarget(file: string): Promise<Apis | App> {
  const url = pathToFileURL(resolve(file)).href;
  if (/\.[cm]?tsx?$/.test(file)) {
    const { register } = await import('tsx/esm/api');
    register();
  }
  const mod = (await import(url)) as Record<string, unknown>;
  for (const key of ['default', 'root', 'app']) {
    const v = mod[key];
    if (isApis(v) || isApp(v)) return v;
  }
  throw new Error(`${file} exports no API root: export default root({...}), api({...}), a list of APIs, or createApp(...)`);
}

function isApp(v: unknown): v is App {
  return typeof v === 'object' && v !== null && typeof (v as App).handle === 'function' && 'api' in v;
}
