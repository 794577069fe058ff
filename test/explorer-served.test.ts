// The explorer as createApp serves it: on by default outside production (no protocol to add),
// off in production unless enabled; its description lists every API of the server; a
// development token is offered only where the development key set is accepted, and never in
// production.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { personsRoot } from '../examples/persons/app.ts';
import { type Running, createApp, serve } from '../src/index.ts';
import { devSecuredApi } from './helpers/dev-api.ts';
import { ferrisApi } from './helpers/ferris-api.ts';
import { call, postJson } from './helpers/http.ts';

/** Runs `f` with NODE_ENV set to `value`, then puts it back. */
function withNodeEnv<T>(value: string | undefined, f: () => T): T {
  const was = process.env.NODE_ENV;
  if (value === undefined) delete process.env.NODE_ENV;
  else process.env.NODE_ENV = value;
  try {
    return f();
  } finally {
    if (was === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = was;
  }
}

type Description = { apis: { name: string; explorer: string; current: boolean }[]; devToken: boolean };

describe('the explorer under createApp, in development', () => {
  let running: Running;
  before(async () => {
    running = await serve(
      withNodeEnv('development', () => createApp([personsRoot(), ferrisApi(), devSecuredApi()])),
      { port: 0, host: '127.0.0.1' },
    );
  });
  after(() => running.close());

  it('is served by default at every API’s base, and listed on its index page', async () => {
    for (const base of ['/ws', '/_ah/api/ferris/v1', '/secured/v1']) assert.equal((await call(`${running.url}${base}/explorer`)).status, 200, base);
    const index = await call(`${running.url}/`, { headers: { accept: 'text/html' } });
    assert.match(index.text, /href="\/ws\/explorer"/);
  });

  it('describes every API of the server, so the page can switch between them', async () => {
    const d = (await call(`${running.url}/_ah/api/ferris/v1/explorer/api.json`)).json as Description;
    assert.deepEqual(
      d.apis.map((a) => [a.name, a.explorer, a.current]),
      [
        ['persons', '/ws/explorer', false],
        ['ferris', '/_ah/api/ferris/v1/explorer', true],
        ['secured', '/secured/v1/explorer', false],
      ],
    );
  });

  it('offers a development token where the development key set is accepted, and it opens the API', async () => {
    const d = (await call(`${running.url}/secured/v1/explorer/api.json`)).json as Description;
    assert.equal(d.devToken, true);
    const refused = await postJson(`${running.url}/secured/v1/me/whoami`, {});
    assert.equal(refused.status, 401);
    const answer = await call(`${running.url}/secured/v1/explorer/token`);
    assert.equal(answer.status, 200);
    assert.equal(answer.headers.get('cache-control'), 'no-store');
    const { token } = answer.json as { token: string };
    const me = await postJson(`${running.url}/secured/v1/me/whoami`, {}, { authorization: `Bearer ${token}` });
    assert.equal(me.status, 200);
    assert.equal(me.json, 'explorer');
  });

  it('offers none for APIs that do not accept the development key', async () => {
    for (const base of ['/ws', '/_ah/api/ferris/v1']) {
      assert.equal(((await call(`${running.url}${base}/explorer/api.json`)).json as Description).devToken, false);
      const none = await call(`${running.url}${base}/explorer/token`);
      assert.equal(none.status, 404, base);
      assert.equal((none.json as { code: string }).code, 'SB_NOT_FOUND');
    }
  });
});

describe('the explorer under createApp, in production', () => {
  it('is off unless enabled', async () => {
    const running = await serve(
      withNodeEnv('production', () => createApp(personsRoot())),
      { port: 0, host: '127.0.0.1' },
    );
    try {
      assert.equal((await call(`${running.url}/ws/explorer`)).status, 404);
    } finally {
      await running.close();
    }
  });

  it('when enabled, hands out no development token, even where the development key is accepted', async () => {
    const running = await serve(
      withNodeEnv('production', () => createApp(devSecuredApi(), { explorer: true })),
      { port: 0, host: '127.0.0.1' },
    );
    const was = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      assert.equal((await call(`${running.url}/secured/v1/explorer`)).status, 200);
      assert.equal(((await call(`${running.url}/secured/v1/explorer/api.json`)).json as Description).devToken, false);
      assert.equal((await call(`${running.url}/secured/v1/explorer/token`)).status, 404);
    } finally {
      if (was === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = was;
      await running.close();
    }
  });

  it('explorer: false turns it off in development', async () => {
    const running = await serve(
      withNodeEnv('development', () => createApp(personsRoot(), { explorer: false })),
      { port: 0, host: '127.0.0.1' },
    );
    try {
      assert.equal((await call(`${running.url}/ws/explorer`)).status, 404);
    } finally {
      await running.close();
    }
  });
});
