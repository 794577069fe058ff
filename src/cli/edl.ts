/**
 * The EDL commands: `edl check` (every diagnostic, exit status 1 on an error), `edl types`
 * (the file's TypeScript), `edl openapi` (its OpenAPI 3.1 document), and loading an `.edl` file for `serve` with its handlers module and store.
 */
import { readFileSync, watch } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ApiDef } from '../api/api.ts';
import type { EdlHandler } from '../idl/bind.ts';
import { compileEdlFiles, formatCompiled, loadEdlApi } from '../idl/load.ts';
import type { EdlStores } from '../idl/store-bind.ts';
import { emitTypeScript } from '../idl/typescript.ts';
import { edlOpenApiDocument } from './edl-openapi.ts';
import { edlStorage } from './edl-store.ts';

/** Runs `edl check|types|openapi`; returns the exit status. */
export function edlCommand(action: 'check' | 'types' | 'openapi', files: readonly string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream): number {
  let compiled: ReturnType<typeof compileEdlFiles>;
  try {
    compiled = compileEdlFiles(files);
  } catch (e) {
    err.write(`switchboard: ${(e as Error).message}\n`);
    return 1;
  }
  const report = formatCompiled(compiled);
  if (report !== '') err.write(`${report}\n`);
  const errors = compiled.diagnostics.filter((d) => d.severity === 'error').length;
  if (action === 'check') {
    (errors > 0 ? err : out).write(`${files.length} file(s) checked: ${errors === 0 ? 'no errors' : `${errors} error(s)`}\n`);
    return errors > 0 ? 1 : 0;
  }
  if (errors > 0) return 1;
  if (action === 'openapi') {
    try {
      out.write(`${JSON.stringify(edlOpenApiDocument(compiled.program), null, 2)}\n`);
    } catch (e) {
      // A declaration the model refuses (a schema no codec carries) is reported, not a crash.
      err.write(`switchboard: cannot describe ${files[0]}: ${(e as Error).message}\n`);
      return 1;
    }
    return 0;
  }
  out.write(emitTypeScript(compiled.program, basename(files[0])));
  return 0;
}

/** A served `.edl` file: its API, how to build it again (`--watch`), and its storage. */
export interface LoadedEdlFile {
  readonly api: ApiDef;
  /** Compiles the file again with the same handlers and storage (their state survives); the stores are open when it resolves. */
  rebuild(): Promise<ApiDef>;
  /** Closes the storage. */
  close(): Promise<void>;
}

/**
 * The API of an `.edl` file: its handlers from a module (default or `handlers` export: an
 * object, or a function making one, given the stores), its standard operations answered from
 * the `--store` storage.
 */
export async function loadEdl(file: string, handlersModule: string | undefined, store?: string): Promise<LoadedEdlFile> {
  const exported = await loadHandlers(handlersModule);
  const storage = store === undefined ? undefined : await edlStorage(store, file);
  try {
    let handlers: Record<string, EdlHandler> | undefined;
    const build = async () => {
      const loaded = loadEdlApi({
        files: [file],
        store: storage,
        // A module's factory is called once: the same handlers serve every version.
        handlers: (stores) => (handlers ??= typeof exported === 'function' ? handlersOf(exported(stores), handlersModule) : exported),
      });
      await loaded.stores?.ready();
      return loaded.api;
    };
    const api = await build();
    return { api, rebuild: build, close: async () => storage?.close() };
  } catch (err) {
    await storage?.close();
    throw err;
  }
}

type HandlerExport = Record<string, EdlHandler> | ((stores: EdlStores | undefined) => unknown);

/** What a handlers module exports (default or `handlers`): handlers, or a function making them; none without a module. */
export async function loadHandlers(handlersModule: string | undefined): Promise<HandlerExport> {
  if (!handlersModule) return {};
  if (/\.[cm]?tsx?$/.test(handlersModule)) {
    const { register } = await import('tsx/esm/api');
    register();
  }
  const mod = (await import(pathToFileURL(resolve(handlersModule)).href)) as Record<string, unknown>;
  const found = mod.handlers ?? mod.default;
  if (typeof found === 'function') return found as (stores: EdlStores | undefined) => unknown;
  return handlersOf(found, handlersModule);
}

function handlersOf(value: unknown, handlersModule: string | undefined): Record<string, EdlHandler> {
  if (typeof value !== 'object' || value === null)
    throw new Error(`${handlersModule} exports no handlers: export default { OperationName: (args) => … } or a function returning them`);
  return value as Record<string, EdlHandler>;
}

/**
 * `--watch`: recompiles the file when it changes and hands the new API to `swap`; a file with
 * errors (or an operation without a handler) keeps the last good API serving, and `report`
 * prints why. Returns a stop.
 */
export function watchEdl(file: string, rebuild: () => Promise<ApiDef>, swap: (api: ApiDef) => void, report: (text: string) => void): () => void {
  let timer: NodeJS.Timeout | undefined;
  let last = readText(file);
  const recompile = () => {
    const text = readText(file);
    // Editors fire several events per save; only a changed text is a new version.
    if (text === last) return;
    last = text;
    rebuild().then(
      (api) => {
        swap(api);
        report(`switchboard: ${file} changed: recompiled and serving the new API\n`);
      },
      (err: unknown) => report(`switchboard: ${file} changed but is not served (the last good version still is):\n${(err as Error).message}\n`),
    );
  };
  // The directory is watched, not the file: editors that save by rename replace the file.
  const watcher = watch(dirname(resolve(file)), (_event, name) => {
    if (name !== null && name !== basename(file)) return;
    clearTimeout(timer);
    timer = setTimeout(recompile, 50);
  });
  return () => {
    clearTimeout(timer);
    watcher.close();
  };
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
