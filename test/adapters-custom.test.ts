// A new adapter written against the server contract alone (test/conformance/net-adapter.ts:
// minimal HTTP/1.1 over raw node:net) passes the same conformance suite as the shipped ones.
import { httpClient } from './conformance/client.ts';
import { NetServer } from './conformance/net-adapter.ts';
import { conformance } from './conformance/suite.ts';

conformance('a custom adapter over node:net', async (app) => {
  const server = await new NetServer(app).listen(0, '127.0.0.1');
  return { client: httpClient(`http://${server.hostloc}`), close: () => server.close() };
});
