export { asyncapi, ASYNCAPI_JSON, ASYNCAPI_YAML } from './asyncapi.ts';
export { asyncApiDocument, ASYNCAPI_VERSION, type AsyncApiOptions } from './document.ts';
