export { openapi, openApiYaml, OPENAPI_JSON, OPENAPI_YAML } from './openapi.ts';
export { openApiDocument, OPENAPI_VERSION, type OpenApiOptions } from './document.ts';
