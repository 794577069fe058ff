/**
 * What the explorer page knows of an API, as JSON it fetches: every function with its
 * documentation, its REST binding (verbs, path, each argument's source), its argument and
 * result schemas (JSON Schema, named types in `schemas`), and its names in the other protocols
 * (SOAP operation, Ext Direct action and method), so the page builds every protocol's request
 * itself.
 */
import type { Api } from '../../runtime/compile.ts';
import { type JsonSchema, JsonSchemaWriter } from '../../schema/jsonschema.ts';
import { operationNames } from '../soap/names.ts';
import { offersDevToken } from './dev-token.ts';

/**
 * The description of `api` at public base URL `base` (`http://host/ws`), with the other APIs of
 * `all` (the app's) to switch to, at their base paths from the same root.
 */
export function explorerDescription(api: Api, base: string, all: readonly Api[] = [api]): JsonSchema {
  const schemas = new JsonSchemaWriter();
  const soapNames = operationNames(api.functions);
  const functions = api.functions.map((fn) => ({
    name: fn.name,
    doc: fn.def.doc ?? null,
    stream: fn.def.stream,
    verbs: fn.binding.verbs,
    path: fn.binding.path,
    status: fn.binding.status,
    args: fn.args.map((a) => {
      const src = fn.binding.sources.get(a.name)!;
      return { name: a.name, required: a.required, in: src.in, key: 'key' in src ? src.key : a.name, schema: schemas.write(a.schema) };
    }),
    returns: fn.returns ? schemas.write(fn.returns) : null,
    soap: soapNames.get(fn)!,
    extdirect: { action: fn.path.slice(0, -1).join('.'), method: fn.path[fn.path.length - 1]! },
  }));
  const root = new URL(base).pathname.replace(/\/$/, '').slice(0, api.webpath === '' ? undefined : -api.webpath.length);
  return {
    name: api.root.name,
    version: api.root.version ?? null,
    doc: api.root.doc ?? null,
    base: base.replace(/\/$/, ''),
    // Every API of the server, by the path of its own explorer page.
    apis: all.map((a) => ({ name: a.root.name, version: a.root.version ?? null, explorer: `${root}${a.webpath}/explorer`, current: a === api })),
    devToken: offersDevToken(api),
    functions,
    schemas: schemas.components,
  };
}
