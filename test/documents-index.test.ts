// The documents index: each API's page at its base path (for a browser: Accept text/html) links
// every document that describes it — WSDL, api.js, OpenRPC, OpenAPI, AsyncAPI and, for an
// endpoint below /_ah/api/, Google discovery — and every link answers 200; the page at / lists
// every API; other clients at the base path get what they got before.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { personsRoot } from '../examples/persons/app.ts';
import { type Running, serve } from '../src/index.ts';
import { ferrisApi } from './helpers/ferris-api.ts';
import { call } from './helpers/http.ts';

const HTML = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

/** The page's links, in order. */
function links(html: string): string[] {
  return [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&#38;/g, '&'));
}

describe('the documents index', () => {
  let running: Running;
  before(async () => {
    running = await serve([personsRoot(), ferrisApi()], { port: 0, host: '127.0.0.1' });
  });
  after(() => running.close());

  it('lists every document of the demo at /ws/, each link answering', async () => {
    const page = await call(`${running.url}/ws/`, { headers: HTML });
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type')!, /^text\/html/);
    const docs = links(page.text).filter((l) => !l.includes('/person/'));
    assert.deepEqual(docs, [
      '/ws/api.wsdl',
      '/ws/extdirect/api.js',
      '/ws/extdirect/api.json',
      '/ws/openapi.json',
      '/ws/openapi.yaml',
      '/ws/asyncapi.json',
      '/ws/asyncapi.yaml',
      '/ws/openrpc.json',
      // served by default outside production (the tests' NODE_ENV)
      '/ws/explorer',
    ]);
    assert.match(page.text, /OpenRPC 1\.3 \(JSON-RPC\)/);
    for (const l of docs) assert.equal((await call(running.url + l)).status, 200, l);
    // Only persons on its page; the same page at /ws (no slash).
    assert.doesNotMatch(page.text, /ferris/);
    assert.equal((await call(`${running.url}/ws`, { headers: HTML })).text, page.text);
  });

  it('links the endpoint’s Google discovery document', async () => {
    const page = await call(`${running.url}/_ah/api/ferris/v1/`, { headers: HTML });
    assert.equal(page.status, 200);
    const docs = links(page.text).filter((l) => !l.includes('/posts'));
    assert.ok(docs.includes('/_ah/api/discovery/v1/apis/ferris/v1/rest'), docs.join(' '));
    assert.ok(docs.includes('/_ah/api/ferris/v1/openapi.json'));
    for (const l of docs) assert.equal((await call(running.url + l)).status, 200, l);
  });

  it('lists every API at /', async () => {
    const page = await call(`${running.url}/`);
    assert.match(page.text, /<h1>persons/);
    assert.match(page.text, /<h1>ferris v1/);
    assert.ok(links(page.text).includes('/_ah/api/discovery/v1/apis/ferris/v1/rest'));
  });

  it('leaves the base path to the protocols for other clients', async () => {
    assert.equal((await call(`${running.url}/ws/`)).status, 404);
    const wsdl = await call(`${running.url}/ws?wsdl`, { headers: HTML });
    assert.match(wsdl.headers.get('content-type')!, /xml/);
  });
});
