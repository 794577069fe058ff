/** Loading the module `switchboard serve` names: TypeScript through tsx, JavaScript as is. */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isRoot, type RootDef } from '../api/root.ts';
import type { App } from '../protocols/app.ts';

export async function loadTarget(file: string): Promise<RootDef | App> {
  const url = pathToFileURL(resolve(file)).href;
  if (/\.[cm]?tsx?$/.test(file)) {
    const { register } = await import('tsx/esm/api');
    register();
  }
  const mod = (await import(url)) as Record<string, unknown>;
  for (const key of ['default', 'root', 'app']) {
    const v = mod[key];
    if (isRoot(v) || isApp(v)) return v;
  }
  throw new Error(`${file} exports no API root: export default root({...}) or createApp(...)`);
}

function isApp(v: unknown): v is App {
  return typeof v === 'object' && v !== null && typeof (v as App).handle === 'function' && 'api' in v;
}
