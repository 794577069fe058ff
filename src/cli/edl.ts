/**
 * The EDL commands: `edl check` (every diagnostic, exit status 1 on an error), `edl types`
 * (the file's TypeScript), and loading an `.edl` file for `serve` with its handlers module.
 */
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ApiDef } from '../api/api.ts';
import type { EdlHandler } from '../idl/bind.ts';
import { compileEdlFiles, edlApi, formatCompiled } from '../idl/load.ts';
import { emitTypeScript } from '../idl/typescript.ts';

/** Runs `edl check|types`; returns the exit status. */
export function edlCommand(action: 'check' | 'types', files: readonly string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream): number {
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
  out.write(emitTypeScript(compiled.program, basename(files[0])));
  return 0;
}

/** The API of an `.edl` file, its handlers from a module (default or `handlers` export: an object, or a function making one). */
export async function loadEdl(file: string, handlersModule: string | undefined): Promise<ApiDef> {
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
  return edlApi({ files: [file], handlers });
}
