// docs/auth.md: its modules typecheck, and every exchange runs against its example as shown,
// `$TOKEN` and `$NO_SCOPE` replaced by development tokens signed here.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkEndpointConfig, devToken, parseEndpointYaml } from '../src/index.ts';
import { blocks, check, load, serveModule, typecheck, writeModules } from './helpers/docs.ts';

describe('docs/auth.md', () => {
  it('its YAML names an endpoint’s own issuer', () => {
    const yaml = blocks('docs/auth.md').find((b) => b.lang === 'yaml')!.code;
    const c = parseEndpointYaml(yaml, 'partners.yaml');
    assert.deepEqual(c.issuers?.corp?.audiences, ['partners-api']);
    assert.ok(checkEndpointConfig({ ...c }, { file: 'x', line: () => 0 }));
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
