/**
 * Serves the API's AsyncAPI 3.0 document at `<base>/asyncapi.json` and `<base>/asyncapi.yaml`,
 * its server the WebSocket URL of the public base the client reached (`ws://host/ws`).
 */
import { documentProtocol } from '../documents.ts';
import { openApiYaml } from '../openapi/openapi.ts';
import type { Protocol } from '../protocol.ts';
import { asyncApiDocument } from './document.ts';

export const ASYNCAPI_JSON = 'asyncapi.json';
export const ASYNCAPI_YAML = 'asyncapi.yaml';

/** The WebSocket URL of a public base URL: `http://h/ws` → `ws://h/ws`. */
export function socketUrl(base: string): string {
  return base.replace(/^http/, 'ws');
}

/** Serves `asyncapi.json` and `asyncapi.yaml` for every API. */
export function asyncapi(): Protocol {
  return documentProtocol('asyncapi', [
    {
      path: ASYNCAPI_JSON,
      type: 'application/json; charset=utf-8',
      render: (api, base) => JSON.stringify(asyncApiDocument(api, { url: socketUrl(base) }), null, 2),
    },
    { path: ASYNCAPI_YAML, type: 'application/yaml; charset=utf-8', render: (api, base) => openApiYaml(asyncApiDocument(api, { url: socketUrl(base) })) },
  ]);
}
