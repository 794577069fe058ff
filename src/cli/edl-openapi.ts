/**
 * `switchboard edl openapi <file>`: the OpenAPI 3.1 document of an EDL file's API, written by
 * the model's generator (protocols/openapi) from the API the file compiles to — the same
 * document `serve` publishes, without handlers or a server.
 */
import type { EdlHandler } from '../idl/bind.ts';
import { bindHandlers } from '../idl/bind.ts';
import type { Program } from '../idl/program.ts';
import { type ModelOptions, edlModel } from '../idl/model.ts';
import { openApiDocument } from '../protocols/openapi/document.ts';
import type { JsonSchema } from '../schema/jsonschema.ts';
import { compileApi } from '../runtime/compile.ts';

/** Never called: the document describes the operations, it does not run them. */
const UNSERVED: EdlHandler = () => {
  throw new Error('edl openapi describes the API; it serves nothing');
};

/** The OpenAPI document of a checked program's API (its server is the API's base path). */
export function edlOpenApiDocument(program: Program, options: ModelOptions = {}): JsonSchema {
  const handlers: Record<string, EdlHandler> = {};
  // Qualified names: two interfaces may share an operation name.
  for (const op of program.operations) handlers[op.interface === '' ? op.name : `${op.interface}.${op.name}`] = UNSERVED;
  const api = compileApi(bindHandlers(edlModel(program, options), program, handlers));
  return openApiDocument(api, { url: api.webpath || '/' });
}
