/**
 * Compiling EDL files from disk into a served API: `edlApi` reads and checks the files, and
 * refuses (with every diagnostic, formatted) a file with errors, then builds the model and
 * binds the handlers.
 */
import { readFileSync } from 'node:fs';
import type { ApiDef } from '../api/api.ts';
import { type EdlHandler, type EdlHandlers, bindHandlers } from './bind.ts';
import { type Compiled, type Source, compileEdl } from './compile.ts';
import { formatDiagnostics } from './format.ts';
import { type ModelOptions, edlModel } from './model.ts';

/** Thrown for a file with errors; `message` holds every diagnostic with its code frame. */
export class EdlError extends Error {
  constructor(readonly compiled: Compiled) {
    const count = compiled.diagnostics.filter((d) => d.severity === 'error').length;
    super(`${count} error(s) in EDL:\n\n${formatCompiled(compiled)}`);
    this.name = 'EdlError';
  }
}

/** Every diagnostic of a compilation, each with its code frame. */
export function formatCompiled(c: Compiled): string {
  return c.files
    .map((f) =>
      formatDiagnostics(
        c.diagnostics.filter((d) => d.file === f.path),
        f.text,
      ),
    )
    .filter((s) => s !== '')
    .join('\n');
}

/** Reads and compiles EDL files. */
export function compileEdlFiles(paths: readonly string[]): Compiled {
  const sources: Source[] = paths.map((path) => ({ path, text: readFileSync(path, 'utf8') }));
  return compileEdl(sources);
}

export interface EdlApiOptions<H extends object = Record<string, EdlHandler>> extends ModelOptions {
  /** The files (or sources) to compile, together. */
  files?: readonly string[];
  sources?: readonly Source[];
  /** Handlers by operation name; serving needs one per operation. */
  handlers?: EdlHandlers<H>;
}

/**
 * An EDL file's API, with its handlers bound.
 *
 * @example
 * const library = edlApi({ files: ['books.edl'], handlers: { GetBookById: ({ id }) => books.get(id) } });
 */
export function edlApi<H extends object>(options: EdlApiOptions<H>): ApiDef {
  const compiled = options.sources ? compileEdl(options.sources) : compileEdlFiles(options.files ?? []);
  if (!compiled.ok) throw new EdlError(compiled);
  const model = edlModel(compiled.program, options);
  return options.handlers ? bindHandlers(model, compiled.program, options.handlers) : model;
}
