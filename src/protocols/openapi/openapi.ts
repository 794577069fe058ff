/**
 * The OpenAPI protocol: serves the API's OpenAPI 3.1 document at `<base>/openapi.json` and
 * `<base>/openapi.yaml`, its server URL the public base the client reached.
 */
import { stringify } from 'yaml';
import { documentProtocol } from '../documents.ts';
import type { Protocol } from '../protocol.ts';
import { openApiDocument } from './document.ts';

export const OPENAPI_JSON = 'openapi.json';
export const OPENAPI_YAML = 'openapi.yaml';

/** Serves `openapi.json` and `openapi.yaml` for every API. */
export function openapi(): Protocol {
  return documentProtocol('openapi', [
    { path: OPENAPI_JSON, type: 'application/json; charset=utf-8', render: (api, url) => JSON.stringify(openApiDocument(api, { url }), null, 2) },
    { path: OPENAPI_YAML, type: 'application/yaml; charset=utf-8', render: (api, url) => openApiYaml(openApiDocument(api, { url })) },
  ]);
}

/** The document as YAML (its `$ref`s and keys as they are; no aliases). */
export function openApiYaml(doc: object): string {
  return stringify(doc, { aliasDuplicateObjects: false, lineWidth: 0 });
}
