export { NodeServer, serve, type NodeServerOptions, type ServeOptions, type Running } from './server.ts';
export { NodeRequest } from './request.ts';
export { writeResponse } from './write.ts';
