// switchboard/fetch passes the shared conformance suite twice: called directly with Node's own
// `Request` (no socket at all), and served through a tiny node:http → Fetch bridge, as a Fetch
// runtime would serve it.
import { FetchServer } from '../src/servers/fetch/index.ts';
import { fetchClient, httpClient } from './conformance/client.ts';
import { serveFetch } from './conformance/fetch-bridge.ts';
import { conformance } from './conformance/suite.ts';

conformance('fetch (Request → Response, called directly)', async (app) => {
  const server = new FetchServer(app);
  return { client: fetchClient(server.backend), close: async () => {} };
});

conformance('fetch (through a node:http bridge)', async (app) => {
  const bridge = await serveFetch(new FetchServer(app).backend);
  return { client: httpClient(bridge.url), close: () => bridge.close() };
});
