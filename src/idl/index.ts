export { compileEdl, type Compiled, type Source } from './compile.ts';
export { parse } from './parser.ts';
export { EDL_DIAGNOSTICS, type Diagnostic, type DiagnosticCode } from './diagnostics.ts';
export { formatDiagnostic, formatDiagnostics } from './format.ts';
export { edlModel, type ModelOptions } from './model.ts';
export { bindHandlers, type EdlHandlers, type EdlHandler } from './bind.ts';
export { emitTypeScript } from './typescript.ts';
export { edlApi, compileEdlFiles, formatCompiled, EdlError, type EdlApiOptions } from './load.ts';
export type { Program, Operation, ObjectType, TypeInfo } from './program.ts';
