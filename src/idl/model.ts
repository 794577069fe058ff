/**
 * The model emitter: a checked EDL program → an API of the model (src/api). Each interface is
 * a controller (adding no path segment: EDL paths are absolute), each operation a function
 * declared without its handler, carrying the file's HTTP binding — method, path template,
 * where each argument comes from, success and error statuses, content types.
 */
import type { TSchema } from '@sinclair/typebox';
import { type ApiDef, api } from '../api/api.ts';
import type { ArgSource } from '../api/binding.ts';
import { type ControllerDef, controller } from '../api/controller.ts';
import { type FunctionDef, expose } from '../api/expose.ts';
import { t } from '../schema/types.ts';
import type { Operation, Program } from './program.ts';
import { Schemas } from './schemas.ts';

export interface ModelOptions {
  /** The API's name (default: the first interface's, else `edl`). */
  name?: string;
  version?: string;
  /** Prefix of every path (default: none, the paths are the file's). */
  basePath?: string;
  doc?: string;
}

/** The argument a request body is bound to. */
export const BODY_ARGUMENT = 'body';

/** The function of one operation. */
export function operationFunction(op: Operation, schemas: Schemas, location?: string): FunctionDef {
  const args: Record<string, TSchema> = {};
  const sources: Record<string, ArgSource> = {};
  for (const p of op.params) {
    const s = schemas.of(p.type, p.doc);
    if (p.in === 'path') args[p.name] = s;
    else args[p.name] = p.hasDefault ? { ...s, default: p.default } : t.optional(s);
    sources[p.name] = p.in;
  }
  if (op.requestBody) {
    args[BODY_ARGUMENT] = schemas.of(op.requestBody.type, op.requestBody.doc);
    sources[BODY_ARGUMENT] = 'body';
  }
  const returns = op.responseBody && op.success !== 204 ? schemas.of(op.responseBody.type, op.responseBody.doc) : undefined;
  // Every declared status but the success: redirects (3xx) and faults.
  const errors = op.statuses.filter((s) => s.code >= 300).map((s) => s.code);
  return expose({
    args,
    returns,
    method: op.method,
    path: op.path,
    in: sources,
    status: op.success,
    ...(errors.length > 0 ? { errors } : {}),
    ...(op.requestBody?.contentType ? { consumes: [op.requestBody.contentType] } : {}),
    ...(op.responseBody?.contentType && returns ? { produces: [op.responseBody.contentType] } : {}),
    ...(op.doc ? { doc: op.doc } : {}),
    ...(location ? { location } : {}),
  });
}

/**
 * The API of a program: one controller per interface; operations outside any interface sit at
 * its top. `extra` adds functions (with their handlers) by interface: the stores' change streams.
 */
export function edlModel(
  program: Program,
  options: ModelOptions = {},
  extra?: ReadonlyMap<string, Readonly<Record<string, FunctionDef>>>,
  locations?: ReadonlyMap<string, string>,
): ApiDef {
  const schemas = new Schemas(program);
  const groups = new Map<string, Record<string, FunctionDef>>();
  for (const op of program.operations) {
    const g = groups.get(op.interface) ?? {};
    g[op.name] = operationFunction(op, schemas, locations?.get(op.interface === '' ? op.name : `${op.interface}.${op.name}`));
    groups.set(op.interface, g);
  }
  for (const [name, fns] of extra ?? []) groups.set(name, { ...(groups.get(name) ?? {}), ...fns });
  const members: Record<string, FunctionDef | ControllerDef> = { ...(groups.get('') ?? {}) };
  for (const [name, fns] of groups) if (name !== '') members[name] = controller(fns, { path: '', doc: program.interfaces.get(name) });
  const first = [...program.interfaces.keys()].find((n) => n !== '');
  return api({
    name: options.name ?? first ?? 'edl',
    version: options.version,
    basePath: options.basePath ?? '',
    doc: options.doc ?? (first ? program.interfaces.get(first) : undefined),
    controllers: members,
  });
}
