/**
 * The EDL commands: `edl check` (every diagnostic, exit status 1 on an error), `edl types`
 * (the file's TypeScript), `edl openapi` (its OpenAPI 3.1 document), and loading an `.edl` file for `serve` with its handlers module.
 */
import { readFileSync, watch } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ApiDef } from '../api/api.ts';
import type { EdlHandler } from '../idl/bind.ts';
import { compileEdlFiles, edlApi, formatCompiled } from '../idl/load.ts';
import { emitTypeScript } from '../idl/typescript.ts';
import { edlOpenApiDocument } from './edl-openapi.ts';

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

/** The API of an `.edl` file, its handlers from a module (default or `handlers` export: an object, or a function making one). */
export async function loadEdl(file: string, handlersModule: string | undefined): Promise<{ api: ApiDef; handlers: Record<string, EdlHandler> }> {
  const handlers = await loadHandlers(handlersModule);
  return { api: edlApi({ files: [file], handlers }), handlers };
}

/** The handlers a module exports; none without a module. */
export async function loadHandlers(handlersModule: string | undefined): Promise<Record<string, EdlHandler>> {
  let handlers: Record<string, EdlHandler> = {};
  if (handlersModule) {
    if (/\.[cm]?tsx?$/.test(handlersModule)) {
      const { register } = await import('tsx/esm/api');
      register();
    }
    const mod = (await import(pathToFileURL(resolve(handlersModule)).href)) as Record<string, unknown>;
    const found = mod.handlers ?? mod.default;
    const value = typeof found === 'function' ? (found as () => unknown)() : found;
    if (typeof value !== 'object' || value === null)
      throw new Error(`${handlersModule} exports no handlers: export default { OperationName: (args) => … } or a function returning them`);
    handlers = value as Record<string, EdlHandler>;
  }
  return handlers;
}

/**
 * `--watch`: recompiles the file when it changes and hands the new API to `swap`; a file with
 * errors (or an operation without a handler) keeps the last good API serving, and `report`
 * prints why. The same handlers serve every version (their state survives). Returns a stop.
 */
export function watchEdl(file: string, handlers: Record<string, EdlHandler>, swap: (api: ApiDef) => void, report: (text: string) => void): () => void {
  let timer: NodeJS.Timeout | undefined;
  let last = readText(file);
  const recompile = () => {
    const text = readText(file);
    // Editors fire several events per save; only a changed text is a new version.
    if (text === last) return;
    last = text;
    try {
      swap(edlApi({ files: [file], handlers }));
      report(`switchboard: ${file} changed: recompiled and serving the new API\n`);
    } catch (err) {
      report(`switchboard: ${file} changed but is not served (the last good version still is):\n${(err as Error).message}\n`);
    }
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
