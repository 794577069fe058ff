/**
 * The compiler's entry: EDL texts → a checked `Program` (types and operations) with every
 * diagnostic of every file, sorted by file and position.
 */
import type { EdlFile } from './ast.ts';
import { Checker } from './checker.ts';
import type { Diagnostic } from './diagnostics.ts';
import { checkOperations } from './operations.ts';
import { parse } from './parser.ts';
import type { Program } from './program.ts';
import { STANDARD_EDL } from './standard.ts';

export interface Source {
  readonly path: string;
  readonly text: string;
}

export interface Compiled {
  readonly program: Program;
  readonly files: readonly EdlFile[];
  readonly diagnostics: readonly Diagnostic[];
  /** True when there is no error. */
  readonly ok: boolean;
}

export interface CompileOptions {
  /** Compile with the standard library (standard.ts: GetById, GetObjects, Create, Update, Delete). Default true. */
  standard?: boolean;
}

/** The standard library's source. */
export function standardLibrary(): Source {
  return { path: 'standard.edl', text: STANDARD_EDL };
}

/** Compiles one or several EDL files as one program (a unit declared in one is known in the others). */
export function compileEdl(sources: Source | readonly Source[], options: CompileOptions = {}): Compiled {
  const given = Array.isArray(sources) ? sources : [sources as Source];
  const list = options.standard === false ? given : [standardLibrary(), ...given];
  const parsed = list.map((s) => parse(s.text, s.path));
  const files = parsed.map((p) => p.file);
  const c = new Checker(files);
  c.declare();
  c.checkEntities();
  const operations = checkOperations(c);
  const diagnostics: Diagnostic[] = [];
  for (const [i, p] of parsed.entries()) {
    const mine = [...p.diagnostics.list, ...(c.diags.get(files[i].path)?.list ?? [])];
    mine.sort((a, b) => a.pos - b.pos || a.code.localeCompare(b.code));
    diagnostics.push(...mine);
  }
  const enums = new Map<string, readonly string[]>();
  for (const [name, e] of c.enums)
    enums.set(
      name,
      e.items.map((x) => x.name.text),
    );
  const interfaces = new Map<string, string | undefined>();
  for (const op of operations) if (!interfaces.has(op.interface)) interfaces.set(op.interface, undefined);
  for (const f of files)
    for (const i of f.interfaces) if (interfaces.has(i.name.text) && i.docs.length > 0) interfaces.set(i.name.text, i.docs.map((d) => d.text.value).join(' '));
  const program: Program = { types: c.types, enums, operations, interfaces, diagnostics };
  // The standard library is no file of the caller's.
  const own = options.standard === false ? files : files.slice(1);
  return { program, files: own, diagnostics, ok: !diagnostics.some((d) => d.severity === 'error') };
}
