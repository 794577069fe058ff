// Self-describing documents follow the mount and the address they were asked through: the
// demo mounted at /svc in Express and in Fastify (plugin prefix), and behind a reverse proxy on
// node:http with and without `trustProxy`. The WSDL's soap:address, the index page's links,
// Ext Direct's api.js url and OpenRPC's servers all carry what the client must call.
import assert from 'node:assert/strict';
import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import express from 'express';
import Fastify, { type FastifyInstance } from 'fastify';
import { personsRoot } from '../examples/persons/app.ts';
import type { Running } from '../src/index.ts';
import { switchboard as expressSwitchboard } from '../src/servers/express/index.ts';
import { switchboard as fastifySwitchboard } from '../src/servers/fastify/index.ts';
import { fetchHandler } from '../src/servers/fetch/index.ts';
import { startDemo } from './helpers/demo.ts';
import { getText } from './helpers/http.ts';

interface Documents {
  wsdl: string;
  index: string;
  apiJs: string;
  openrpc: { servers: { url: string }[] };
}

/** The four documents, asked at `base` (where the app's root is) with these headers. */
async function documents(base: string, headers: Record<string, string> = {}): Promise<Documents> {
  const wsdl = await getText(`${base}/ws/api.wsdl`, headers);
  const index = await getText(`${base}/`, headers);
  const apiJs = await getText(`${base}/ws/extdirect/api.js`, headers);
  const rpc = await fetch(`${base}/ws/jsonrpc`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ jsonrpc: '2.0', method: 'rpc.discover', id: 1 }),
  });
  const openrpc = ((await rpc.json()) as { result: Documents['openrpc'] }).result;
  return { wsdl, index, apiJs, openrpc };
}

/** Asserts that every document links below `path` and that the WSDL's address is `address`. */
function assertLinks(d: Documents, address: string, path: string): void {
  assert.ok(d.wsdl.includes(`<soap:address location="${address}"/>`), d.wsdl.slice(-400));
  assert.ok(d.wsdl.includes(`<soap12:address location="${address}"/>`));
  assert.ok(d.index.includes(`href="${path}/ws/person/get"`), d.index);
  assert.ok(d.index.includes(`href="${path}/ws/api.wsdl"`), d.index);
  assert.match(d.apiJs, new RegExp(`"url": "${path}/ws/extdirect/router"`));
  assert.match(d.apiJs, new RegExp(`"url": "${path}/ws/extdirect/poll/person/watch"`));
  assert.deepEqual(
    d.openrpc.servers.map((s) => s.url),
    [`${path}/ws/jsonrpc`],
  );
}

function listenExpress(app: express.Express): Promise<{ server: HttpServer; url: string }> {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
  });
}

describe('documents: mounted in Express at /svc', () => {
  let server: HttpServer;
  let url: string;
  before(async () => {
    const app = express();
    app.use('/svc', expressSwitchboard(personsRoot()));
    app.use('/proxied', expressSwitchboard(personsRoot(), { trustProxy: true }));
    ({ server, url } = await listenExpress(app));
  });
  after(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );

  it('WSDL address, index links, api.js url and OpenRPC servers carry /svc', async () => {
    assertLinks(await documents(`${url}/svc`), `${url}/svc/ws`, '/svc');
  });

  it("the mount after a trusted proxy's host, scheme and prefix", async () => {
    const d = await documents(`${url}/proxied`, { 'x-forwarded-host': 'api.example.com', 'x-forwarded-proto': 'https', 'x-forwarded-prefix': '/edge' });
    assertLinks(d, 'https://api.example.com/edge/proxied/ws', '/edge/proxied');
  });

  it('the poll cookie is scoped to the mounted poll URL', async () => {
    const r = await fetch(`${url}/svc/ws/extdirect/poll/person/watch`);
    await r.arrayBuffer();
    assert.match(r.headers.get('set-cookie') ?? '', /; Path=\/svc\/ws\/extdirect\/poll\/person\/watch;/);
  });
});

describe('documents: the Fastify plugin at prefix /svc', () => {
  let app: FastifyInstance;
  let url: string;
  before(async () => {
    app = Fastify({ logger: false });
    await app.register(fastifySwitchboard, { prefix: '/svc', serve: personsRoot() });
    url = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  after(() => app.close());

  it('WSDL address, index links, api.js url and OpenRPC servers carry /svc', async () => {
    assertLinks(await documents(`${url}/svc`), `${url}/svc/ws`, '/svc');
  });
});

describe('documents: behind a reverse proxy (node:http)', () => {
  let plain: Running;
  let trusting: Running;
  let distrusting: Running;
  const proxy = { host: 'internal:8080', 'x-forwarded-host': 'api.example.com', 'x-forwarded-proto': 'https', 'x-forwarded-prefix': '/edge/' };
  before(async () => {
    plain = await startDemo();
    trusting = await startDemo({ trustProxy: true });
    distrusting = await startDemo({ trustProxy: false });
  });
  after(async () => {
    await Promise.all([plain.close(), trusting.close(), distrusting.close()]);
  });

  it('trustProxy: the forwarded host, scheme and prefix', async () => {
    assertLinks(await documents(trusting.url, proxy), 'https://api.example.com/edge/ws', '/edge');
  });

  it('unset: the Host alone, no X-Forwarded-* header', async () => {
    assertLinks(await documents(plain.url, proxy), 'http://internal:8080/ws', '');
  });

  it('trustProxy: false believes no X-Forwarded-* header', async () => {
    assertLinks(await documents(distrusting.url, proxy), 'http://internal:8080/ws', '');
  });

  it('a Host or X-Forwarded-Host that is not host[:port] is never written into a document', async () => {
    const bad = ['a"b<c', 'x/y', 'h:port', 'evil.com"><x', 'a b', 'host:123456'];
    for (const host of bad) {
      const wsdl = await getText(`${trusting.url}/ws/api.wsdl`, { host: 'good.example:81', 'x-forwarded-host': host });
      assert.ok(wsdl.includes('<soap:address location="http://good.example:81/ws"/>'), `${host}: ${wsdl.slice(-300)}`);
      const plainWsdl = await getText(`${plain.url}/ws/api.wsdl`, { host });
      assert.ok(plainWsdl.includes('<soap:address location="http://localhost/ws"/>'), `${host}: ${plainWsdl.slice(-300)}`);
    }
    // A prefix with markup in it is %-encoded, never written as it came.
    const d = await getText(`${trusting.url}/`, { 'x-forwarded-prefix': '/a"><script>' });
    assert.ok(!d.includes('<script>'), d);
    assert.ok(d.includes('href="/a%22%3E%3Cscript%3E/ws/person/get"'), d);
  });
});

describe('documents: a Fetch handler', () => {
  it("links to the host of the Request's URL when it has no Host header", async () => {
    const handler = fetchHandler(personsRoot());
    const r = await handler(new Request('http://api.example.com:8443/ws/api.wsdl'));
    assert.ok((await r.text()).includes('<soap:address location="http://api.example.com:8443/ws"/>'));
  });
});
