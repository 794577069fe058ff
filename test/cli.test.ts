// The CLI end to end: `node bin/switchboard.js serve <module>` as a child process, called with
// fetch; its output, its request log, its exit statuses and its graceful stop on signals.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { get } from 'node:http';
import { afterEach, describe, it } from 'node:test';
import WebSocket from 'ws';
import { call } from './helpers/http.ts';
import { type Child, cli, reap, repo, run } from './helpers/spawn.ts';

const LISTENING = /Switchboard serving (\S+) at (http:\/\/[^/\s]+)\/ \(functions under ([^;\s]+); WebSocket at (ws:\/\/\S+)\)/;

/** Parsed pino lines of the child's stdout. */
function logLines(child: Child): Record<string, unknown>[] {
  return child.stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** Resolves when a fresh connection to `url` is refused (or fails), rejects if it is answered. */
function refused(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = get(url, { agent: false }, (res) => {
      res.resume();
      reject(new Error(`answered ${res.statusCode} after the stop signal`));
    });
    req.on('error', () => resolve());
  });
}

describe('switchboard CLI', () => {
  let child: Child | undefined;
  afterEach(() => reap(child));

  // Argument parsing is unit-tested in src/cli/args.test.ts; here, once each, what the process does.
  it('--help prints the usage and exits 0', async () => {
    child = cli(['--help']);
    assert.equal(await child.exited(), 0);
    assert.match(child.stdout, /^Usage: switchboard serve <module> \[--port N\] \[--host H\]/);
  });

  it('bad arguments exit 2 with the reason and the usage on stderr', async () => {
    child = cli(['serve', 'a.ts', '--port', 'abc']);
    assert.equal(await child.exited(), 2);
    assert.match(child.stderr, /^switchboard: --port must be a number from 0 to 65535\n\nUsage: switchboard serve/);
    assert.equal(child.stdout, '');
  });

  it('a module that cannot be loaded or exports no root exits 1 with the reason', async () => {
    child = cli(['serve', 'test/helpers/does-not-exist.ts']);
    assert.equal(await child.exited(), 1);
    assert.match(child.stderr, /^switchboard: cannot serve test\/helpers\/does-not-exist\.ts: /);
    child = cli(['serve', 'test/helpers/http.ts']);
    assert.equal(await child.exited(), 1);
    assert.match(child.stderr, /exports no API root/);
    // A schema no codec carries is a catalogued declaration error naming the place, not a stack.
    child = cli(['serve', 'test/helpers/cli-tuple.ts']);
    assert.equal(await child.exited(), 1);
    assert.equal(
      child.stderr,
      'switchboard: cannot serve test/helpers/cli-tuple.ts: geo.place: argument "at".points has a schema no protocol can carry: Switchboard cannot carry a schema of kind Tuple [SB_DECL_UNSUPPORTED_SCHEMA]\n',
    );
    child = cli(['serve', 'test/helpers/cli-app.ts'], { PORT: 'abc' });
    assert.equal(await child.exited(), 1);
    assert.match(child.stderr, /^switchboard: cannot listen: PORT must be a number from 0 to 65535, not "abc"/);
  });

  it('serves a .ts module: prints where it listens, logs one line per request, stops on SIGTERM with 0', async () => {
    child = cli(['serve', 'test/helpers/cli-app.ts', '--port', '0']);
    const [, name, url, webpath, wsUrl] = await child.waitFor(LISTENING);
    assert.deepEqual([name, webpath], ['cli-test', '/cli']);
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(wsUrl, `${url.replace('http', 'ws')}/cli`);
    // The same functions over the WebSocket the CLI attaches at the root webpath.
    const ws = new WebSocket(wsUrl);
    const frame = await new Promise<unknown>((resolve, reject) => {
      ws.once('open', () => ws.send(JSON.stringify({ id: 1, method: 't.hello', params: { who: 'socket' } })));
      ws.once('message', (data) => resolve(JSON.parse(String(data))));
      ws.once('error', reject);
    });
    ws.close();
    assert.deepEqual(frame, { id: 1, status: 200, result: 'hello socket' });
    assert.deepEqual((await call(`${url}/cli/t/hello?who=cli`)).json, 'hello cli');
    assert.equal((await call(`${url}/cli/t/nope`)).status, 404);
    assert.equal((await call(`${url}/cli/t/boom`)).status, 500);
    await child.waitFor(/"url":"\/cli\/t\/boom"/);
    const requests = logLines(child).filter((l) => l.msg === 'request');
    assert.deepEqual(
      requests.map((l) => [l.method, l.url, l.status]),
      [
        ['GET', '/cli/t/hello?who=cli', 200],
        ['GET', '/cli/t/nope', 404],
        ['GET', '/cli/t/boom', 500],
      ],
    );
    for (const l of requests) assert.equal(typeof l.ms, 'number');
    // The server fault is logged with its cause; the client saw only the generic message.
    assert.ok(logLines(child).some((l) => l.level === 50 && JSON.stringify(l.err).includes('kaput')));
    child.proc.kill('SIGTERM');
    assert.equal(await child.exited(), 0);
  });

  it('PORT and HOST from the environment; --host and --port win over them', async () => {
    child = cli(['serve', 'test/helpers/cli-app.ts'], { PORT: '0', HOST: '127.0.0.2' });
    const [, , url] = await child.waitFor(LISTENING);
    assert.match(url, /^http:\/\/127\.0\.0\.2:\d+$/);
    assert.deepEqual((await call(`${url}/cli/t/hello`)).json, 'hello world');
    child.proc.kill('SIGINT');
    assert.equal(await child.exited(), 0);

    child = cli(['serve', 'test/helpers/cli-app.ts', '--host=127.0.0.3', '--port', '0', '--quiet'], { PORT: '1', HOST: '127.0.0.2' });
    const [, , url2] = await child.waitFor(LISTENING);
    assert.match(url2, /^http:\/\/127\.0\.0\.3:\d+$/);
    assert.equal((await call(`${url2}/cli/t/hello`)).status, 200);
    child.proc.kill('SIGTERM');
    assert.equal(await child.exited(), 0);
    assert.equal(logLines(child).filter((l) => l.msg === 'request').length, 0, '--quiet logs no requests');
  });

  it('serves a built .js module', async () => {
    assert.ok(existsSync(`${repo}dist/index.js`), 'the package is built (npm run build; npm test does it first)');
    child = cli(['serve', 'test/helpers/cli-app.mjs', '--port', '0']);
    const [, name, url] = await child.waitFor(LISTENING);
    assert.equal(name, 'js-test');
    assert.deepEqual((await call(`${url}/js/t/twice?n=21`)).json, 42);
    child.proc.kill('SIGTERM');
    assert.equal(await child.exited(), 0);
  });

  it('serves a module whose default export is a list of APIs, all on one port', async () => {
    child = cli(['serve', 'test/helpers/cli-apis.ts', '--port', '0']);
    const [, name, url] = await child.waitFor(LISTENING);
    assert.equal(name, 'one,two');
    assert.deepEqual((await call(`${url}/one/v1/greet/hello`)).json, 'hello from one');
    assert.deepEqual((await call(`${url}/two/greet/hello`)).json, 'hello from two');
    child.proc.kill('SIGTERM');
    assert.equal(await child.exited(), 0);
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`on ${signal}: stops accepting, lets an in-flight request finish, exits 0`, async () => {
      child = cli(['serve', 'test/helpers/cli-app.ts', '--port', '0']);
      const [, , url] = await child.waitFor(LISTENING);
      const inFlight = call(`${url}/cli/t/slow?ms=1500`);
      await child.waitFor(/slow started/, 'stderr');
      child.proc.kill(signal);
      await child.waitFor(new RegExp(`"signal":"${signal}".*"msg":"stopping`));
      await refused(`${url}/cli/t/hello`);
      const r = await inFlight;
      assert.deepEqual([r.status, r.json], [200, 'done']);
      assert.equal(await child.exited(), 0);
      assert.ok(logLines(child).some((l) => l.msg === 'request' && l.url === '/cli/t/slow?ms=1500' && l.status === 200));
    });
  }

  it('a second signal closes the connections still open at once', async () => {
    child = cli(['serve', 'test/helpers/cli-app.ts', '--port', '0', '--quiet']);
    const [, , url] = await child.waitFor(LISTENING);
    const inFlight = call(`${url}/cli/t/slow?ms=9000`).then(
      (r) => r.status,
      () => 'dropped',
    );
    await child.waitFor(/slow started/, 'stderr');
    child.proc.kill('SIGINT');
    await child.waitFor(/"msg":"stopping: finishing/);
    child.proc.kill('SIGINT');
    assert.equal(await inFlight, 'dropped');
    assert.equal(await child.exited(), 0);
    assert.match(child.stdout, /"msg":"stopping now: closing every connection"/);
  });

  it('npm start serves the demos (persons, the EDL library, the Ferris endpoints) and prints its URL', async () => {
    child = run('npm', ['start', '--silent'], { PORT: '0' }, true);
    try {
      const [, name, url] = await child.waitFor(LISTENING, 'stdout', 30_000);
      assert.equal(name, 'persons,polls,library,ferris,mobile_only');
      const r = await call(`${url}/ws/person/get?id=1`);
      assert.deepEqual(r.json, { id: 1, lastname: 'Geller', firstname: 'Ross', age: 30, hobbies: ['Dinosaurs', 'Rachel'] });
      // Beside it on the same port, the polls resources (on SQLite, kept in ./data).
      const polls = await call(`${url}/polls/questions?limit=0`);
      assert.equal(polls.status, 200, polls.text);
      assert.equal((polls.json as { limit: number }).limit, 0);
      // The EDL demo (examples/edl/books.edl), at the paths its file declares, stored on SQLite (kept in ./data).
      const plan = await call(`${url}/api/training-plan`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"name":"Base","weeks":4}',
      });
      assert.equal(plan.status, 201);
      const id = (plan.json as { id: number }).id;
      assert.deepEqual((await call(`${url}/api/training-plan/${id}`)).json, { id, name: 'Base', weeks: 4 });
      const index = await call(`${url}/`);
      assert.equal(index.status, 200);
      assert.match(index.text, /href="\/ws\/person\/list"/);
      assert.match(index.text, /href="\/_ah\/api\/ferris\/v1\/hello\/hello"/);
    } finally {
      if (child.proc.pid !== undefined) process.kill(-child.proc.pid, 'SIGTERM');
    }
    await child.exited();
  });
});
