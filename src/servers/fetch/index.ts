export { FetchServer, fetchHandler, type FetchHandler, type FetchServerOptions } from './handler.ts';
export { FetchRequest } from './request.ts';
export { toFetchResponse } from './response.ts';
