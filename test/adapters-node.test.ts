// switchboard/node: node:http, node:https and node:http2 (h2c, TLS, TLS with HTTP/1.1 fallback)
// each pass the shared server conformance suite, with real clients over real sockets.
import { NodeServer } from '../src/servers/node/index.ts';
import { Http2Server } from '../src/servers/node/http2.ts';
import { HttpsServer } from '../src/servers/node/https.ts';
import { h2Client, httpClient } from './conformance/client.ts';
import { conformance } from './conformance/suite.ts';
import { testCert } from './conformance/tls.ts';

conformance('node:http', async (app) => {
  const server = await new NodeServer(app).listen(0, '127.0.0.1');
  return { client: httpClient(`http://${server.hostloc}`), close: () => server.close(0) };
});

conformance('node:https', async (app) => {
  const { key, cert } = testCert();
  const server = await new HttpsServer(app, { tls: { key, cert } }).listen(0, '127.0.0.1');
  return { client: httpClient(`https://${server.hostloc}`, { ca: cert }), close: () => server.close(0) };
});

conformance('node:http2 (h2c)', async (app) => {
  const server = await new Http2Server(app).listen(0, '127.0.0.1');
  return { client: h2Client(`http://${server.hostloc}`), close: () => server.close(0) };
});

conformance('node:http2 (TLS)', async (app) => {
  const { key, cert } = testCert();
  const server = await new Http2Server(app, { tls: { key, cert } }).listen(0, '127.0.0.1');
  return { client: h2Client(`https://${server.hostloc}`, { ca: cert }), close: () => server.close(0) };
});

conformance('node:http2 (TLS, an HTTP/1.1 client on allowHTTP1)', async (app) => {
  const { key, cert } = testCert();
  const server = await new Http2Server(app, { tls: { key, cert }, allowHTTP1: true }).listen(0, '127.0.0.1');
  return { client: httpClient(`https://${server.hostloc}`, { ca: cert }), close: () => server.close(0) };
});

conformance('node:http2 (TLS, an HTTP/2 client on allowHTTP1)', async (app) => {
  const { key, cert } = testCert();
  const server = await new Http2Server(app, { tls: { key, cert }, allowHTTP1: true }).listen(0, '127.0.0.1');
  return { client: h2Client(`https://${server.hostloc}`, { ca: cert }), close: () => server.close(0) };
});
