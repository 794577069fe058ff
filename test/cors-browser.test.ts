/**
 * CORS from a real browser: headless Chromium loads a page from one origin and calls an API on
 * another. The allowed origin's simple GET and its preflighted JSON POST (with credentials) get
 * through and can read an exposed header, as do a SOAP call (its endpoint is the base path,
 * selected by SOAPAction, preflighted all the same) and a JSON-RPC call; the same page from an origin not allowed is stopped by
 * the browser; and an app without the option stops it too, as it sends no CORS header.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { api, controller, expose, serve, type Serving, t } from '../src/index.ts';
import { openPage } from './browser/chromium.ts';

const STEP_MS = 15_000;

const people = api({
  name: 'people',
  basePath: '/api',
  controllers: {
    person: controller({
      get: expose({ args: { id: t.integer() }, returns: t.string(), method: 'GET' }, ({ id }) => `person ${id}`),
      save: expose({ args: { name: t.string() }, returns: t.string(), method: 'PUT' }, ({ name }) => `saved ${name}`),
    }),
  },
});

const PAGE = `<!doctype html><meta charset="utf-8"><title>cors</title><script>
window.call = async (url, init) => {
  try {
    const res = await fetch(url, init);
    const json = (res.headers.get('content-type') || '').includes('json');
    return { status: res.status, body: json ? await res.json() : await res.text(), exposed: res.headers.get('x-served-by') };
  } catch (e) {
    return { error: String(e) };
  }
};
</script>`;

interface Answer {
  status?: number;
  body?: unknown;
  exposed?: string | null;
  error?: string;
}

describe('CORS from headless Chromium across two origins', { timeout: 120_000 }, () => {
  let pages: Server;
  let pagePort: number;
  let withCors: Serving;
  let without: Serving;
  let browser: Browser;
  let page: Page;
  const preflights: string[] = [];

  before(async () => {
    pages = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE));
    await new Promise<void>((resolve) => pages.listen(0, '127.0.0.1', resolve));
    pagePort = (pages.address() as AddressInfo).port;
    const allowed = `http://127.0.0.1:${pagePort}`;
    withCors = await serve(people, { port: 0, host: '127.0.0.1', cors: { origin: [allowed], credentials: true, exposedHeaders: ['x-served-by'], maxAge: 60 } });
    without = await serve(people, { port: 0, host: '127.0.0.1' });
    // Every answer names its server, for the exposed-header check.
    const inner = withCors.app.handle;
    withCors.app.handle = (req) => {
      if (req.method === 'OPTIONS') preflights.push(req.path);
      const out = inner(req);
      const mark = (r: Awaited<typeof out>) => ({ ...r, headers: { ...r.headers, 'x-served-by': 'a' } });
      return out instanceof Promise ? out.then(mark) : mark(out);
    };
    ({ browser, page } = await openPage(`${allowed}/`, STEP_MS));
  });
  after(async () => {
    await browser?.close();
    await withCors?.close();
    await without?.close();
    pages?.close();
  });

  const call = (url: string, init?: RequestInit) =>
    page.evaluate(([u, i]) => (window as unknown as { call(u: string, i?: RequestInit): Promise<Answer> }).call(u, i), [url, init] as const);

  it('the allowed origin: a simple GET, then a preflighted PUT with credentials, reading an exposed header', async () => {
    const get = await call(`${withCors.url}/api/person/get?id=7`);
    assert.deepEqual(get, { status: 200, body: 'person 7', exposed: 'a' });
    const put = await call(`${withCors.url}/api/person/save`, {
      method: 'PUT',
      credentials: 'include',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Ada' }),
    });
    assert.deepEqual(put, { status: 200, body: 'saved Ada', exposed: 'a' });
    assert.deepEqual(preflights, ['/api/person/save']);
  });

  it('SOAP at the base path and JSON-RPC at /jsonrpc: preflighted from the route table, then called', async () => {
    preflights.length = 0;
    const envelope =
      '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><p:personGet xmlns:p="urn:people:types"><id>8</id></p:personGet></s:Body></s:Envelope>';
    const soap = await call(`${withCors.url}/api`, {
      method: 'POST',
      credentials: 'include',
      headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '"personGet"' },
      body: envelope,
    });
    assert.equal(soap.status, 200);
    assert.match(String(soap.body), /<result>person 8<\/result>/);
    assert.equal(soap.exposed, 'a');
    const rpc = await call(`${withCors.url}/api/jsonrpc`, {
      method: 'POST',
      credentials: 'include',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'person.get', params: { id: 9 } }),
    });
    assert.deepEqual(rpc, { status: 200, body: { jsonrpc: '2.0', id: 1, result: 'person 9' }, exposed: 'a' });
    assert.deepEqual(preflights, ['/api', '/api/jsonrpc']);
  });

  it('the same page from another origin (localhost, not 127.0.0.1) is stopped by the browser', async () => {
    await page.goto(`http://localhost:${pagePort}/`);
    const get = await call(`${withCors.url}/api/person/get?id=7`);
    assert.match(get.error ?? '', /TypeError: Failed to fetch/);
  });

  it('an app without the option sends no CORS header, so the browser stops even the allowed origin', async () => {
    await page.goto(`http://127.0.0.1:${pagePort}/`);
    const get = await call(`${without.url}/api/person/get?id=7`);
    assert.match(get.error ?? '', /TypeError: Failed to fetch/);
  });
});
