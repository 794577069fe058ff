// Health probes: /healthz while the process answers, /readyz only when every check passes and
// the server is not draining; the CLI turns readiness off on SIGTERM before it stops.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { Health, api, controller, expose, serve, t } from '../src/index.ts';
import { type Child, cli, reap } from './helpers/spawn.ts';

const hello = api({ name: 'hello', basePath: '/api', controllers: { greet: controller({ hi: expose({ returns: t.string() }, () => 'hi') }) } });

describe('health probes', () => {
  let child: Child | undefined;
  afterEach(() => reap(child));

  it('liveness, readiness with its checks (failing, throwing, too slow), draining; HEAD; other verbs 405', async () => {
    let dbUp = true;
    const health = new Health({ checks: { db: () => dbUp }, timeoutMs: 200 });
    const running = await serve(hello, { port: 0, host: '127.0.0.1', health });
    const get = async (path: string, init?: RequestInit) => {
      const r = await fetch(`${running.url}${path}`, init);
      return { status: r.status, body: init?.method === 'HEAD' ? null : ((await r.json()) as unknown) };
    };
    try {
      assert.deepEqual(await get('/healthz'), { status: 200, body: { status: 'ok' } });
      assert.deepEqual(await get('/readyz'), { status: 200, body: { status: 'ready', checks: { db: 'ok' } } });
      dbUp = false;
      health.check('bus', () => Promise.reject(new Error('connection refused'))).check('slow', () => new Promise(() => {}));
      assert.deepEqual(await get('/readyz'), {
        status: 503,
        body: { status: 'not ready', checks: { db: 'failed', bus: 'failed: connection refused', slow: 'no answer within 200 ms' } },
      });
      assert.deepEqual(await get('/readyz', { method: 'HEAD' }), { status: 503, body: null });
      assert.equal((await get('/healthz', { method: 'POST' })).status, 405);
      health.drain();
      assert.deepEqual(await get('/readyz'), { status: 503, body: { status: 'draining' } });
      assert.deepEqual(await get('/healthz'), { status: 200, body: { status: 'ok' } });
      // The API itself is untouched.
      assert.equal(await (await fetch(`${running.url}/api/greet/hi`)).json(), 'hi');
    } finally {
      await running.close();
    }
  });

  it('the CLI: ready while serving; on SIGTERM readiness goes off, liveness stays, then it stops with 0', async () => {
    child = cli(['serve', 'test/helpers/cli-app.ts', '--port', '0'], { SWITCHBOARD_DRAIN_DELAY_MS: '20000' });
    const [, url] = await child.waitFor(/at (http:\/\/[^/\s]+)\//);
    assert.equal((await fetch(`${url}/readyz`)).status, 200);
    child.proc.kill('SIGTERM');
    await child.waitFor(/stopping: finishing in-flight requests/);
    const ready = await fetch(`${url}/readyz`);
    assert.deepEqual([ready.status, await ready.json()], [503, { status: 'draining' }]);
    assert.equal((await fetch(`${url}/healthz`)).status, 200);
    // A second signal cuts the delay short: it stops now.
    child.proc.kill('SIGTERM');
    assert.equal(await child.exited(), 0);
  });
});
