export { NodeServer, serve, type NodeServerOptions, type ServeOptions, type Running, type Serving } from './server.ts';
export { NodeRequest } from './request.ts';
export { writeResponse } from './write.ts';
export { HttpsServer, serveHttps, type HttpsServerOptions, type ServeHttpsOptions } from './https.ts';
export { Http2Server, Http2Request, serveHttp2, writeHttp2Response, type Http2ServerOptions, type ServeHttp2Options, type RunningHttp2 } from './http2.ts';
