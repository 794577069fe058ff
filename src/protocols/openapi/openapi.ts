/**
 * The OpenAPI protocol: serves the API's OpenAPI 3.1 document at `<base>/openapi.json` and
 * `<base>/openapi.yaml`, its server URL the public base the client reached.
 */
import { stringify } from 'yaml';
import { documentProtocol } from '../documents.ts';
import type { Protocol } from '../protocol.ts';
import type { BindEnv } from '../protocol.ts';
import { isRest } from '../rest/protocol.ts';
import { type OpenApiOptions, openApiDocument } from './document.ts';

export const OPENAPI_JSON = 'openapi.json';
export const OPENAPI_YAML = 'openapi.yaml';

/** Serves `openapi.json` and `openapi.yaml` for every API. */
export function openapi(): Protocol {
  return documentProtocol('openapi', [
    {
      path: OPENAPI_JSON,
      type: 'application/json; charset=utf-8',
      render: (api, url, env) => JSON.stringify(openApiDocument(api, options(url, env)), null, 2),
    },
    { path: OPENAPI_YAML, type: 'application/yaml; charset=utf-8', render: (api, url, env) => openApiYaml(openApiDocument(api, options(url, env))) },
  ]);
}

/** The document's options for the app's REST protocol as configured (`nest_result`). */
function options(url: string, env: BindEnv): OpenApiOptions {
  const rest = env.protocols?.find(isRest);
  return { url, nestResult: rest?.formats.some((f) => f.codec === 'json' && f.nestResult === true) ?? false };
}

/** The document as YAML (its `$ref`s and keys as they are; no aliases). */
export function openApiYaml(doc: object): string {
  return stringify(doc, { aliasDuplicateObjects: false, lineWidth: 0 });
}
