// docs/auth.md: its modules typecheck, and every exchange runs against its example as shown,
// `$TOKEN` and `$NO_SCOPE` replaced by development tokens signed here.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type CallContext,
  Service,
  autoMethod,
  bearerAuth,
  checkEndpointConfig,
  createApp,
  createEndpoints,
  devToken,
  parseEndpointYaml,
  serve,
  t,
} from '../src/index.ts';
import { blocks, check, load, serveModule, typecheck, writeModules } from './helpers/docs.ts';

describe('docs/auth.md', () => {
  it('its YAML names an endpoint’s own issuer', () => {
    const yaml = blocks('docs/auth.md').find((b) => b.lang === 'yaml')!.code;
    const c = parseEndpointYaml(yaml, 'partners.yaml');
    assert.deepEqual(c.issuers?.corp?.audiences, ['partners-api']);
    assert.ok(checkEndpointConfig({ ...c }, { file: 'x', line: () => 0 }));
  });

  it('its YAML with a local key set: tokens of that key are accepted, others refused', async () => {
    const yaml = blocks('docs/auth.md').filter((b) => b.lang === 'yaml')[1]!.code;
    const eps = createEndpoints();
    eps.add(parseEndpointYaml(yaml, 'partners.yaml'));
    @eps.autoService
    class MeService extends Service {
      @autoMethod({ returns: t.string() })
      whoami(_: unknown, ctx: CallContext) {
        return ctx.principal?.subject ?? 'nobody';
      }
    }
    void MeService;
    // The step's own issuer is not the development one: the endpoint's keys alone accept its tokens.
    const auth = bearerAuth({ issuers: [{ issuer: 'https://id.example.com', audiences: ['x'], jwksUrl: 'http://127.0.0.1:1/jwks' }] });
    const running = await serve(createApp(eps.apis({ auth })), { port: 0, host: '127.0.0.1' });
    try {
      const call = async (token: string) => {
        const r = await fetch(`${running.url}/_ah/api/partners/v1/me/whoami`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
        return [r.status, await r.json()];
      };
      assert.deepEqual(await call(await devToken({ sub: 'alice' })), [200, 'alice']);
      assert.equal((await call('not-a-token'))[0], 401);
    } finally {
      await running.close();
    }
  });

  it('every example compiles and runs as shown', async () => {
    const guide = blocks('docs/auth.md');
    const { modules, cleanup } = writeModules(guide);
    try {
      assert.deepEqual(typecheck(modules.map((m) => m.file)), []);
      const running = await serveModule(await load(modules[0].file));
      assert.ok(running);
      try {
        const token = await devToken({ sub: 'alice', scopes: ['USERINFO'] });
        const weak = await devToken({ sub: 'alice' });
        for (const block of guide.filter((b) => b.lang === 'http')) {
          await check(running.url, { ...block, code: block.code.replaceAll('$TOKEN', token).replaceAll('$NO_SCOPE', weak) });
        }
      } finally {
        await running.close();
      }
    } finally {
      cleanup();
    }
  });
});
