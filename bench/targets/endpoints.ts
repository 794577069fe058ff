// Two endpoints with the same service: `open` (auth_level none) and `secure` (required, the
// development issuer's tokens, the seed's scopes and client ids), logging off.
import { type MethodArgs, Service, autoMethod, bearerAuth, createApp, createEndpoints, devIssuer, serve, t } from '../../src/index.ts';

const HelloMessage = t.complex('HelloMessage', { greeting: t.string() });
const params = { name: [t.string(), 'Unknown'] } as const;

export default async function start(): Promise<string> {
  const endpoints = createEndpoints();
  endpoints.add({ name: 'open', version: 'v1' });
  endpoints.add({ name: 'secure', version: 'v1', auth_level: 'required', scopes: ['USERINFO'], allowed_client_ids: ['API_EXPLORER_CLIENT_ID'] });
  for (const endpoint of ['open', 'secure']) {
    class HelloService extends Service {
      @autoMethod({ returns: HelloMessage, params })
      hello({ name }: MethodArgs<typeof params, undefined>) {
        return { greeting: `Hello, ${name}!` };
      }
    }
    endpoints.get(endpoint).apiClass()(HelloService);
  }
  const app = createApp(endpoints.apis({ auth: bearerAuth({ issuers: [devIssuer()] }) }));
  const running = await serve(app, { port: 0, host: '127.0.0.1' });
  return running.url;
}
