/**
 * REST's fault, as OpenAPI components: WSME's fault document with the stable code and the
 * field errors (`rest/faults.ts`, `errors/`), the one response every error status refers to.
 */
import type { JsonSchema, JsonSchemaWriter } from '../../schema/jsonschema.ts';

export const FAULT_SCHEMA = 'Fault';
export const FAULT_RESPONSE = '#/components/responses/Fault';

const fault: JsonSchema = {
  title: 'Fault',
  type: 'object',
  description: "WSME's fault: who is at fault, what happened, and the stable error code (see the errors guide).",
  properties: {
    faultcode: { type: 'string', enum: ['Client', 'Server'], description: '`Client` for the caller’s mistakes, `Server` for the service’s.' },
    faultstring: { type: 'string' },
    debuginfo: { oneOf: [{ type: 'string' }, { type: 'null' }], description: 'A stack, when the server runs with debug on; null otherwise.' },
    code: { type: 'string', description: 'The stable error code, e.g. `SB_INVALID_INPUT`.' },
    fields: {
      type: 'array',
      description: 'Each invalid field, when the fault is about the input.',
      items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } }, required: ['path', 'message'] },
    },
  },
  required: ['faultcode', 'faultstring', 'debuginfo', 'code'],
};

/** Adds the fault schema to `schemas` and returns the `responses` component referring to it. */
export function faultComponents(schemas: JsonSchemaWriter): { responses: JsonSchema } {
  schemas.components[FAULT_SCHEMA] ??= fault;
  const ref = { $ref: `#/components/schemas/${FAULT_SCHEMA}` };
  return {
    responses: {
      Fault: {
        description: 'A fault (its status says which kind: 400 invalid input, 401 unauthenticated, 403 forbidden, 404 not found…).',
        content: { 'application/json': { schema: ref }, 'application/xml': { schema: ref } },
      },
    },
  };
}
