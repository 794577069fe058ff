/**
 * The explorer page in headless Chromium against the running demo (REST and the WebSocket on
 * one port): a form filled in and sent over REST+JSON, JSON-RPC, SOAP and Ext Direct, the raw
 * request and response shown with the status; `person.watch` over the WebSocket shows the change
 * a REST call makes; a function behind a token answers 401 without one and 200 with it, over
 * REST and over the WebSocket console (its handshake's `access_token`); the API picker switches
 * to another API's page; the development-token button fills the box where the development key
 * set is accepted. It saves the screenshot docs/explorer.md shows.
 */
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { personsRoot } from '../examples/persons/app.ts';
import { createApp, serve, type Running } from '../src/index.ts';
import { type WebsocketServer, attachWebsocket } from '../src/servers/ws/index.ts';
import { openPage } from './browser/chromium.ts';
import { devSecuredApi } from './helpers/dev-api.ts';
import { FERRIS_TOKEN, ferrisApi } from './helpers/ferris-api.ts';
import { postJson } from './helpers/http.ts';

/** Every wait in the browser is bounded by this. */
const STEP_MS = 30_000;
// The guide's picture is rewritten only on request (RECORD=1); otherwise the shot goes to a temp file.
const SCREENSHOT = process.env.RECORD ? fileURLToPath(new URL('../docs/explorer.png', import.meta.url)) : join(tmpdir(), `explorer-${process.pid}.png`);

describe('the explorer in Chromium', () => {
  let running: Running;
  let sockets: WebsocketServer;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];
  before(async () => {
    // No explorer protocol named: createApp serves it by default outside production.
    const app = createApp([personsRoot(), ferrisApi(), devSecuredApi()], { explorer: process.env.NODE_ENV === 'production' ? true : undefined });
    running = await serve(app, { port: 0, host: '127.0.0.1' });
    sockets = attachWebsocket(running, {});
    ({ browser, page, pageErrors } = await openPage(`${running.url}/ws/explorer`, STEP_MS));
    await page.waitForSelector('body[data-ready="true"]');
  });
  after(async () => {
    await browser?.close();
    await sockets?.close(200);
    await running?.close(200);
  });

  /** Picks a function, fills its fields, calls it over `protocol` and waits for a status. */
  async function callIt(name: string, protocol: string, fill: Record<string, string> = {}): Promise<{ status: string; response: string; request: string }> {
    await page.click(`#apis li[data-name="${name}"] a`);
    for (const [field, value] of Object.entries(fill)) await page.fill(`#form [name="${field}"]`, value);
    await page.selectOption('#protocol', protocol);
    await page.click('#call');
    await page.waitForFunction(() => {
      const s = document.getElementById('status')!.textContent;
      return s !== '' && s !== '…' && document.getElementById('response')!.textContent !== '';
    });
    return page.evaluate(() => ({
      status: document.getElementById('status')!.textContent!,
      response: document.getElementById('response')!.textContent!,
      request: document.getElementById('request')!.textContent!,
    }));
  }

  it('lists the API’s functions with their documentation', async () => {
    assert.equal(await page.textContent('#api-name'), 'persons');
    const names = await page.$$eval('#apis li', (lis) => lis.map((li) => (li as HTMLElement).dataset.name));
    assert.deepEqual(names, ['person.get', 'person.list', 'person.update', 'person.create', 'person.destroy', 'person.watch']);
    await page.click('#apis li[data-name="person.get"] a');
    assert.equal(await page.textContent('#method-doc'), 'One person by id.');
  });

  it('calls person.get over REST+JSON, JSON-RPC, SOAP and Ext Direct', async () => {
    const rest = await callIt('person.get', 'restjson', { id: '1' });
    assert.equal(rest.status, '200');
    assert.match(rest.request, /^POST \/ws\/person\/get\n/);
    assert.match(rest.response, /"firstname": "Ross"/);
    const rpc = await callIt('person.get', 'jsonrpc', { id: '2' });
    assert.match(rpc.request, /"method":"person.get"/);
    assert.match(rpc.response, /"jsonrpc": "2.0"[\s\S]*"firstname": "Monica"/);
    const soap = await callIt('person.get', 'soap', { id: '1' });
    assert.equal(soap.status, '200');
    assert.match(soap.response, /Envelope[\s\S]*>Ross</);
    const direct = await callIt('person.get', 'extdirect', { id: '2' });
    assert.match(direct.response, /"type": "rpc"[\s\S]*"Monica"/);
    const xml = await callIt('person.get', 'restxml', { id: '1' });
    assert.match(xml.response, /<firstname>Ross<\/firstname>/);
  });

  it('fills nested types and lists, and shows a fault with its status', async () => {
    await page.click('#apis li[data-name="person.create"] a');
    await page.fill('#form [name="p.lastname"]', 'Bing');
    await page.fill('#form [name="p.firstname"]', 'Chandler');
    await page.fill('#form [name="p.age"]', '29');
    await page.uncheck('#form [data-set="p.id"]');
    await page.click('#form [data-add="p.hobbies"]');
    await page.fill('#form [name="p.hobbies[]"]', 'Jokes');
    await page.selectOption('#protocol', 'restjson');
    await page.click('#call');
    await page.waitForFunction(() => /"Jokes"/.test(document.getElementById('response')!.textContent!));
    assert.match((await page.textContent('#response'))!, /"lastname": "Bing"[\s\S]*"hobbies": \[\s*"Jokes"\s*\]/);
    const fault = await callIt('person.get', 'restjson', { id: '99' });
    assert.equal(fault.status, '400');
    assert.match(fault.response, /"faultstring": "Unknown ID"/);
  });

  it('watches person.watch over the WebSocket and shows a change made over REST', async () => {
    await page.click('#apis li[data-name="person.watch"] a');
    await page.selectOption('#protocol', 'ws');
    await page.click('#call');
    await page.waitForFunction(() => document.getElementById('ws-state')!.textContent === 'connected');
    // The stream is subscribed once the server has the call; a change is made until one arrives.
    let seen = false;
    for (let i = 0; i < 20 && !seen; i++) {
      await postJson(`${running.url}/ws/person/create`, { p: { lastname: 'Green', firstname: 'Rachel', age: 29, hobbies: ['Fashion'] } });
      seen = await page
        .waitForFunction(() => /Rachel/.test(document.getElementById('response')!.textContent!), undefined, { timeout: 500 })
        .then(() => true)
        .catch(() => false);
    }
    assert.ok(seen, 'the change reached the page');
    assert.match((await page.textContent('#ws-log'))!, /"event":1/);
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    await page.click('#ws-cancel');
    await page.waitForFunction(() => /"cancelled":true/.test(document.getElementById('ws-log')!.textContent!));
  });

  it('honours auth: a bearer token from the box is sent', async () => {
    await page.goto(`${running.url}/_ah/api/ferris/v1/explorer#posts.insert`);
    await page.waitForSelector('body[data-ready="true"]');
    await page.fill('#form [name="post.title"]', 'From the explorer');
    await page.selectOption('#protocol', 'restjson');
    await page.click('#call');
    await page.waitForFunction(() => document.getElementById('status')!.textContent === '401');
    await page.fill('#token', FERRIS_TOKEN);
    await page.click('#call');
    await page.waitForFunction(() => document.getElementById('status')!.textContent === '200');
    assert.match((await page.textContent('#response'))!, /"title": "From the explorer"/);
    assert.deepEqual(pageErrors, []);
  });

  it('switches to another API of the server with the picker', async () => {
    const options = await page.$$eval('#api-picker option', (os) => os.map((o) => o.textContent));
    assert.deepEqual(options, ['persons', 'ferris v1', 'secured v1']);
    assert.equal(await page.inputValue('#api-picker'), '/_ah/api/ferris/v1/explorer');
    await page.selectOption('#api-picker', '/secured/v1/explorer');
    await page.waitForURL(/\/secured\/v1\/explorer$/);
    await page.waitForSelector('body[data-ready="true"]');
    assert.equal(await page.textContent('#api-name'), 'secured v1');
  });

  it('fills the token box with a development token, which REST and the WebSocket console send', async () => {
    assert.equal(await page.isVisible('#dev-token'), true);
    await page.click('#apis li[data-name="me.whoami"] a');
    await page.selectOption('#protocol', 'ws');
    await page.click('#call');
    await page.waitForFunction(() => document.getElementById('status')!.textContent === '401');
    await page.click('#dev-token');
    await page.waitForFunction(() => (document.getElementById('token') as HTMLInputElement).value.split('.').length === 3);
    // The token is in the handshake: a new connection carries it, and the call is admitted.
    await page.click('#call');
    await page.waitForFunction(() => document.getElementById('status')!.textContent === '200');
    assert.match((await page.textContent('#response'))!, /"result": "explorer"/);
    await page.selectOption('#protocol', 'restjson');
    await page.click('#call');
    await page.waitForFunction(
      () => /"explorer"/.test(document.getElementById('response')!.textContent!) && document.getElementById('status')!.textContent === '200',
    );
    await page.goto(`${running.url}/ws/explorer`);
    await page.waitForSelector('body[data-ready="true"]');
    assert.equal(await page.isVisible('#dev-token'), false, 'no development token where the development key is not accepted');
    assert.deepEqual(pageErrors, []);
  });
});
