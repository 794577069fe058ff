/**
 * Discovery, Ferris' way: the endpoint YAML files of an app directory (`app/*.yaml`,
 * `default-endpoint.yaml` being the default) and its services at
 * `app/<module>/<module>.service.ts` (or `.js`), loaded with no registration code. A file that
 * looks like a service but breaks the convention is an error with the reason, never skipped.
 */
import { readdirSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { declarationError } from '../../errors/declaration.ts';
import type { Endpoints } from './registry.ts';

/** What discovery found. */
export interface Discovered {
  /** Endpoint files, in the order added (the default first). */
  readonly endpointFiles: readonly string[];
  /** Service files, in the order loaded. */
  readonly serviceFiles: readonly string[];
}

const SERVICE_LIKE = /(?:[._-]service|Service)\.(?:[cm]?[jt]s)$/;
const YAML = /\.ya?ml$/;

/** The files discovery would load from `dir`, or the first that breaks the convention. */
export function scanApp(dir: string): Discovered {
  const where = (f: string) => relative(process.cwd(), f) || f;
  let entries: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new Error('not a directory');
    entries = readdirSync(dir).sort();
  } catch (err) {
    throw declarationError('SB_DECL_DISCOVERY', { file: where(dir), reason: `cannot read the app directory: ${(err as Error).message}` });
  }
  const yaml = entries.filter((e) => YAML.test(e)).map((e) => join(dir, e));
  if (yaml.length === 0)
    throw declarationError('SB_DECL_DISCOVERY', { file: where(dir), reason: 'no endpoint file (*.yaml); a new app has app/default-endpoint.yaml' });
  const endpointFiles = [...yaml.filter((f) => basename(f) === 'default-endpoint.yaml'), ...yaml.filter((f) => basename(f) !== 'default-endpoint.yaml')];
  const serviceFiles: string[] = [];
  for (const e of entries) {
    const path = join(dir, e);
    if (SERVICE_LIKE.test(e) && !e.endsWith('.d.ts')) {
      throw declarationError('SB_DECL_DISCOVERY', {
        file: where(path),
        reason: 'a service file belongs in its module’s folder: app/<module>/<module>.service.ts',
      });
    }
    if (e.startsWith('.') || e === 'node_modules' || !statSync(path).isDirectory()) continue;
    const files = readdirSync(path).sort();
    const own = files.filter((f) => f === `${e}.service.ts` || f === `${e}.service.js`);
    if (own.length > 1) throw declarationError('SB_DECL_DISCOVERY', { file: where(join(path, own[0])), reason: `both ${own.join(' and ')}; keep one` });
    for (const f of files) {
      if (own.includes(f) || !SERVICE_LIKE.test(f) || f.endsWith('.d.ts') || /\.test\.[cm]?[jt]s$/.test(f)) continue;
      throw declarationError('SB_DECL_DISCOVERY', {
        file: where(join(path, f)),
        reason: /_service\./.test(f)
          ? `this is Ferris 3's Python spelling; the module ${e}'s service file is ${e}.service.ts`
          : `a service file of module ${e} must be named ${e}.service.ts (or .js)`,
      });
    }
    if (!/^[a-z][a-z0-9_]*$/.test(e) && own.length > 0) {
      throw declarationError('SB_DECL_DISCOVERY', { file: where(path), reason: 'a module’s name is lower-case letters, digits and underscores' });
    }
    if (own.length === 1) serviceFiles.push(join(path, own[0]));
  }
  return { endpointFiles, serviceFiles };
}

/**
 * Loads an app directory into a registry: adds its endpoint files (the default one as the
 * default), then imports its service files, each of which must add a service (`@autoService`).
 * TypeScript files need a loader that runs them (the CLI registers tsx).
 */
export async function loadApp(dir: string, registry: Endpoints): Promise<Discovered> {
  const found = scanApp(dir);
  for (const f of found.endpointFiles) registry.add(f, { default: basename(f) === 'default-endpoint.yaml' });
  for (const f of found.serviceFiles) {
    const before = registry.serviceCount;
    await import(pathToFileURL(f).href);
    if (registry.serviceCount === before) {
      throw declarationError('SB_DECL_DISCOVERY', {
        file: relative(process.cwd(), f) || f,
        reason: 'adds no service: decorate a class extending Service with @autoService (imported from the same switchboard)',
      });
    }
  }
  return found;
}
