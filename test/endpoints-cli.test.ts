// `switchboard serve` of the Ferris app directory beside the persons demo (what `npm start`
// runs), as a child process: discovery, one port for both, the auth settings from the
// environment or the development issuer with `switchboard token`, and a broken app refused.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { AUDIENCE, ISSUER, IdentityProvider } from './helpers/idp.ts';
import { type Child, cli, reap } from './helpers/spawn.ts';

const LISTENING = /Switchboard serving (\S+) at (http:\/\/[^/\s]+)\//;
const hello = (base: string, token?: string) =>
  fetch(`${base}/_ah/api/ferris/v1/hello/hello?name=CLI`, { method: 'POST', headers: token ? { authorization: `Bearer ${token}` } : {} });

describe('switchboard serve <app dir>', () => {
  const idp = new IdentityProvider();
  let child: Child | undefined;
  before(() => idp.start());
  after(() => idp.close());
  afterEach(() => reap(child));

  it('serves the persons demo and the Ferris endpoints on one port, with the issuer the environment names', async () => {
    const env = { SWITCHBOARD_AUTH_ISSUER: ISSUER, SWITCHBOARD_AUTH_AUDIENCE: AUDIENCE, SWITCHBOARD_AUTH_JWKS_URL: idp.jwksUrl };
    child = cli(['serve', 'examples/persons/app.ts', 'examples/ferris/app', '--port', '0', '--quiet'], env);
    const [, names, base] = await child.waitFor(LISTENING);
    assert.equal(names, 'persons,ferris,mobile_only');
    const index = await (await fetch(`${base}/`)).text();
    assert.match(index, /\/ws\/person\/get/);
    assert.match(index, /\/_ah\/api\/ferris\/v1\/hello\/hello/);
    assert.match(index, /\/_ah\/api\/mobile_only\/v1\/photos\/list/);
    const ok = await hello(base, await idp.sign());
    assert.deepEqual([ok.status, await ok.json()], [200, { greeting: 'Hello, CLI!' }]);
    assert.equal((await hello(base)).status, 401);
    assert.equal((await fetch(`${base}/ws/person/list`)).status, 200);
    assert.doesNotMatch(child.stderr, /development tokens/);
    child.proc.kill('SIGTERM');
    assert.equal(await child.exited(), 0);
  });

  it('without the environment, accepts the development tokens `switchboard token` prints, and says so', async () => {
    const tokenCli = cli(['token', '--sub', 'alice', '--scope', 'USERINFO']);
    assert.equal(await tokenCli.exited(), 0);
    const token = tokenCli.stdout.trim();
    assert.match(token, /^[\w-]+\.[\w-]+\.[\w-]+$/);
    child = cli(['serve', 'examples/ferris/app', '--port', '0', '--quiet'], {
      SWITCHBOARD_AUTH_ISSUER: '',
      SWITCHBOARD_AUTH_AUDIENCE: '',
      SWITCHBOARD_AUTH_JWKS_URL: '',
    });
    const [, , base] = await child.waitFor(LISTENING);
    assert.match(child.stderr, /endpoints accept development tokens/);
    assert.equal((await hello(base, token)).status, 200);
    assert.equal((await hello(base, await idp.sign())).status, 401);
  });

  it('a file breaking the convention, or an unknown endpoint, stops it at start-up with the reason (exit 1)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-cli-app-'));
    try {
      writeFileSync(join(dir, 'default-endpoint.yaml'), 'name: ferris\nversion: v1\n');
      // An app is ESM, as this package is.
      writeFileSync(join(dir, 'package.json'), '{"type": "module"}');
      mkdirSync(join(dir, 'posts'));
      writeFileSync(join(dir, 'posts', 'post.service.ts'), '');
      child = cli(['serve', dir, '--port', '0']);
      assert.equal(await child.exited(), 1);
      assert.match(child.stderr, /post\.service\.ts: a service file of module posts must be named posts\.service\.ts \(or \.js\) \[SB_DECL_DISCOVERY\]/);
      rmSync(join(dir, 'posts', 'post.service.ts'));
      const src = join(process.cwd(), 'src/index.ts');
      writeFileSync(
        join(dir, 'posts', 'posts.service.ts'),
        `import { Service, autoMethod, autoService } from '${src}';\n@autoService({ endpoint: 'mobile' })\nexport class PostsService extends Service {\n  @autoMethod\n  list() {}\n}\n`,
      );
      child = cli(['serve', dir, '--port', '0']);
      assert.equal(await child.exited(), 1);
      assert.match(child.stderr, /PostsService: there is no endpoint named mobile \(known: ferris\) \[SB_DECL_UNKNOWN_ENDPOINT\]/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
