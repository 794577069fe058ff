/**
 * The EDL diagnostics catalogue: every code the compiler reports, with its message template
 * (`{name}` placeholders). Each code is documented in docs/edl.md and raised by a file of the
 * bad-file corpus (`src/idl/corpus/`); tests check both.
 */

export const EDL_DIAGNOSTICS = {
  EDL001: 'unterminated string',
  EDL002: 'unterminated comment',
  EDL003: 'invalid character {text}',
  EDL004: 'unexpected {found}: expected {expected}',
  EDL005: "'{' is not closed by a matching '}'",
  EDL006: 'unknown description kind {name}: expected main, summary or detail',
  EDL010: 'duplicate {what} {name}',
  EDL011: 'duplicate operation {name} in interface {interface}',
  EDL020: 'unknown entity {name}',
  EDL021: 'unknown view {name}{where}',
  EDL022: 'unknown domain {name}',
  EDL023: 'unknown type {name}',
  EDL024: 'unknown unit {name}',
  EDL025: 'unknown attribute {name} of entity {entity}',
  EDL026: 'unknown relationship {name} of entity {entity}',
  EDL027: 'unknown naming method {name}',
  EDL028: 'a view needs its entity here: write {hint}',
  EDL030: 'path parameter {name} is declared but absent from the path "{path}"',
  EDL031: 'the path "{path}" names {{name}}, which is not a declared parameter',
  EDL032: '{text} is not a path parameter: path parameters are written {{name}}',
  EDL033: 'unknown HTTP method {name}: expected GET, POST, PUT, PATCH or DELETE',
  EDL034: 'a {method} request cannot have a body',
  EDL035: 'unknown status {name}',
  EDL036: 'operation {name} declares no request method',
  EDL037: 'operation {name} declares no request path',
  EDL038: 'duplicate status {code} in operation {name}',
  EDL039: "'{what}' is declared twice in this {place}",
  EDL040: 'cycle in extends: {cycle}',
  EDL041: 'operation {base} is not abstract and is declared outside interface {interface}: only abstract operations are extended from elsewhere',
  EDL042: 'unknown operation {name} to extend in interface {interface}',
  EDL043: 'operation {name} does not set the config argument {argument} of {base}',
  EDL044: 'operation {base} has no config argument {name}',
  EDL045: 'config argument {name} of {base} is {expected}: {value} is not',
  EDL046: 'operation {name} extends {base}, whose context {kind} {param} is not given: extend it inside {where}',
  EDL047: "'{keyword} inherited' needs an operation that extends another",
  EDL048: 'only an operation that extends an abstract one sets config values',
  EDL049: 'only an abstract operation declares a config; {name} is not abstract',
  EDL050: 'unknown name {name} in a parameterised string: expected {expected}',
  EDL051: 'unknown filter {name} in a parameterised string',
  EDL052: "a parameterised string's {open} is not closed by {close}",
  EDL053: 'parameterised string {text} needs an entity and domain: it is not extended inside one',
  EDL054: 'abstract operation {name} is declared outside an interface',
  EDL055: 'default value {value} of parameter {name} is not {expected}, nor a config argument',
  EDL056: 'a path parameter cannot be optional: {name} is always in the path, it has no default',
  EDL057: 'enum {name} value {value} is used twice ({first} and {second})',
} as const;

export type DiagnosticCode = keyof typeof EDL_DIAGNOSTICS;

export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly file: string;
  /** Offsets into the file's text. */
  readonly pos: number;
  readonly end: number;
}

/** The catalogue's message for a code, its placeholders filled. */
export function message(code: DiagnosticCode, args: Readonly<Record<string, string | number>> = {}): string {
  return EDL_DIAGNOSTICS[code].replace(/\{\{(\w+)\}\}|\{(\w+)\}/g, (whole, braced: string | undefined, plain: string | undefined) => {
    const key = braced ?? plain ?? '';
    if (!(key in args)) return whole;
    return braced !== undefined ? `{${args[key]}}` : String(args[key]);
  });
}

/** Collects a file's diagnostics. */
export class Diagnostics {
  readonly list: Diagnostic[] = [];
  constructor(readonly file: string) {}

  error(code: DiagnosticCode, span: { pos: number; end: number }, args: Readonly<Record<string, string | number>> = {}): void {
    this.list.push({ code, severity: 'error', message: message(code, args), file: this.file, pos: span.pos, end: Math.max(span.end, span.pos) });
  }

  get errors(): number {
    return this.list.filter((d) => d.severity === 'error').length;
  }
}
