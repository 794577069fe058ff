/**
 * Compiling EDL files from disk into a served API: `edlApi` reads and checks the files, and
 * refuses (with every diagnostic, formatted) a file with errors, then builds the model and
 * binds the handlers (and the store's).
 */
import { readFileSync } from 'node:fs';
import type { ApiDef } from '../api/api.ts';
import { type EdlHandler, type EdlHandlers, bindHandlers } from './bind.ts';
import { type Compiled, type Source, compileEdl } from './compile.ts';
import { formatDiagnostics } from './format.ts';
import { type ModelOptions, edlModel } from './model.ts';
import type { Program } from './program.ts';
import type { EdlStorage } from './storage.ts';
import { type EdlStores, openStores, storeBinding } from './store-bind.ts';

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
  /**
   * Handlers by operation name (or a function making them from the stores); serving needs one
   * per operation the store does not answer. A handler given overrides the store's.
   */
  handlers?: EdlHandlers<H> | ((stores: EdlStores | undefined) => EdlHandlers<H>);
  /**
   * Where the entities are kept: operations extending the standard library's `GetById`,
   * `GetObjects`, `Create`, `Update` and `Delete` are answered from it with no handler, and
   * each such entity gets a `<Entity>Changes` stream.
   */
  store?: EdlStorage;
}

/** A compiled EDL API, with its stores when it has a storage. */
export interface LoadedEdl {
  readonly api: ApiDef;
  readonly program: Program;
  /** The entities' stores (undefined without a storage); `ready()` opens them all. */
  readonly stores: EdlStores | undefined;
}

/**
 * An EDL file's API, with its handlers (and its store) bound, and its stores.
 *
 * @example
 * const { api, stores } = loadEdlApi({ files: ['books.edl'], store: memoryStorage() });
 * await stores?.ready();
 */
export function loadEdlApi<H extends object>(options: EdlApiOptions<H>): LoadedEdl {
  const compiled = options.sources ? compileEdl(options.sources) : compileEdlFiles(options.files ?? []);
  if (!compiled.ok) throw new EdlError(compiled);
  const program = compiled.program;
  const stores = options.store ? openStores(program, options.store) : undefined;
  const binding = stores ? storeBinding(program, stores) : undefined;
  const model = edlModel(program, options, binding?.changes, binding?.locations);
  const given = typeof options.handlers === 'function' ? options.handlers(stores) : options.handlers;
  const api = given ? bindHandlers(model, program, given, binding?.handlers) : binding ? bindHandlers(model, program, {}, binding.handlers) : model;
  return { api, program, stores };
}

/**
 * An EDL file's API, with its handlers bound.
 *
 * @example
 * const library = edlApi({ files: ['books.edl'], handlers: { GetBookById: ({ id }) => books.get(id) } });
 * const crud = edlApi({ files: ['books.edl'], store: memoryStorage() }); // the standard operations, stored
 */
export function edlApi<H extends object>(options: EdlApiOptions<H>): ApiDef {
  return loadEdlApi(options).api;
}
