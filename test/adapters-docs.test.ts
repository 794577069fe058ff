// docs/interfaces.md: every `// example:` block is run as written (its `switchboard/*` imports
// pointed at the sources), and the package exports each adapter's subpath.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Express } from 'express';
import type { FastifyInstance } from 'fastify';
import type { RunningHttp2 } from '../src/servers/node/index.ts';
import { h2Client, send } from './conformance/client.ts';

const doc = readFileSync(new URL('../docs/interfaces.md', import.meta.url), 'utf8');
const dir = new URL('./.docs/', import.meta.url);
const examples = new Map([...doc.matchAll(/```ts\n\/\/ example: (\w+)\n([\s\S]*?)```/g)].map((m) => [m[1], m[2]]));

/** Writes the example beside the tests (so its imports resolve) and imports it. */
async function load(name: string): Promise<Record<string, unknown>> {
  const code = examples.get(name);
  assert.ok(code, `docs/interfaces.md has the "${name}" example`);
  const source = code.replace(/from 'switchboard\/(\w+)'/g, "from '../../src/servers/$1/index.ts'").replace(/from '\.\.\/examples\//g, "from '../../examples/");
  const file = new URL(`${name}.ts`, dir);
  writeFileSync(file, source);
  return import(file.href);
}

const rossUrl = '/ws/person/get?id=1';
const firstname = (json: unknown) => (json as { firstname?: string }).firstname;

describe('docs/interfaces.md examples', () => {
  before(() => mkdirSync(dir, { recursive: true }));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('node: HTTP/2 cleartext', async () => {
    process.env.PORT = '0';
    const { running } = (await load('node')) as { running: RunningHttp2 };
    delete process.env.PORT;
    const c = h2Client(running.url);
    try {
      assert.equal(firstname((await send(c, { method: 'GET', path: rossUrl })).json), 'Ross');
    } finally {
      await c.close();
      await running.close(0);
    }
  });

  it('fetch: the handler called with a Request', async () => {
    const mod = (await load('fetch')) as { default: { fetch: (r: Request) => Promise<Response> } };
    const r = await mod.default.fetch(new Request(`http://example.test${rossUrl}`));
    assert.equal(firstname(await r.json()), 'Ross');
  });

  it('express: mounted at /api beside a route of the host', async () => {
    const { app } = (await load('express')) as { app: Express };
    const server = await new Promise<HttpServer>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      assert.equal(await (await fetch(`${url}/health`)).text(), 'ok');
      assert.equal(firstname(await (await fetch(`${url}/api${rossUrl}`)).json()), 'Ross');
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('fastify: registered at /api beside a route of the host', async () => {
    const { app } = (await load('fastify')) as { app: FastifyInstance };
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      assert.equal(await (await fetch(`${url}/health`)).text(), 'ok');
      assert.equal(firstname(await (await fetch(`${url}/api${rossUrl}`)).json()), 'Ross');
    } finally {
      await app.close();
    }
  });
});

it('package.json exports every adapter subpath, built from an index that exists', () => {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { exports: Record<string, { default: string }> };
  for (const sub of ['node', 'fetch', 'express', 'fastify']) {
    const entry = pkg.exports[`./${sub}`];
    assert.ok(entry, `exports ./${sub}`);
    assert.equal(entry.default, `./dist/servers/${sub}/index.js`);
    assert.ok(existsSync(new URL(`../src/servers/${sub}/index.ts`, import.meta.url)), `src/servers/${sub}/index.ts`);
  }
});
