/**
 * A real browser client: headless Chromium loads a page from the demo's origin that calls
 * methods over a WebSocket (`ws://host/ws`), watches `person.watch()` over the socket and over
 * an EventSource (SSE), and sees a change the test makes over REST with fetch.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { personsRoot } from '../examples/persons/app.ts';
import { createApp } from '../src/index.ts';
import { NodeServer } from '../src/servers/node/index.ts';
import { WebsocketServer } from '../src/servers/ws/index.ts';
import { openPage } from './browser/chromium.ts';

const STEP_MS = 15_000;

// The page's whole client: a call helper over the socket, and the events of two watches.
const PAGE = `<!doctype html><meta charset="utf-8"><title>ws</title><script>
const socket = new WebSocket('ws://' + location.host + '/ws');
const answers = new Map();
window.wsEvents = [];
window.sseEvents = [];
window.ready = new Promise((resolve, reject) => { socket.onopen = resolve; socket.onerror = reject; });
socket.onmessage = (e) => {
  const f = JSON.parse(e.data);
  if (f.event !== undefined) window.wsEvents.push(f.data);
  else if (answers.has(f.id)) { answers.get(f.id)(f); answers.delete(f.id); }
};
window.call = (id, method, params) => new Promise((resolve) => { answers.set(id, resolve); socket.send(JSON.stringify({ id, method, params })); });
window.watch = () => socket.send(JSON.stringify({ id: 'watch', method: 'person.watch' }));
window.sseOpen = new Promise((resolve) => {
  const source = new EventSource('/ws/person/watch');
  source.onopen = resolve;
  source.onmessage = (e) => window.sseEvents.push({ id: e.lastEventId, data: JSON.parse(e.data) });
});
</script>`;

interface BrowserWindow {
  ready: Promise<unknown>;
  sseOpen: Promise<unknown>;
  call(id: number | string, method: string, params?: unknown): Promise<Record<string, unknown>>;
  watch(): void;
  wsEvents: { action: string; person: { firstname: string } }[];
  sseEvents: { id: string; data: { action: string; person: { firstname: string } } }[];
}

describe('headless Chromium over WebSocket', { timeout: 120_000 }, () => {
  let browser: Browser;
  let page: Page;
  let url: string;
  let close: () => Promise<void>;
  let pageErrors: string[] = [];

  before(async () => {
    // The demo and the page on one origin: the page at /test/ws.html, everything else the app's.
    const app = createApp(personsRoot());
    const sb = new NodeServer(app);
    const http = createServer((req, res) => {
      if (req.url === '/test/ws.html') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(PAGE);
      } else sb.handleRequest(req, res);
    });
    const wss = new WebsocketServer(app).attach(http);
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    close = async () => {
      await wss.close(500);
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    };
    ({ browser, page, pageErrors } = await openPage(`${url}/test/ws.html`, STEP_MS));
    await page.evaluate(() => (window as unknown as BrowserWindow).ready);
  });

  after(async () => {
    await browser?.close();
    await close?.();
  });

  it('calls methods over the socket', async () => {
    const got = await page.evaluate(() => (window as unknown as BrowserWindow).call(1, 'person.get', { id: 1 }));
    assert.deepEqual(got, { id: 1, status: 200, result: { id: 1, lastname: 'Geller', firstname: 'Ross', age: 30, hobbies: ['Dinosaurs', 'Rachel'] } });
    const missing = await page.evaluate(() => (window as unknown as BrowserWindow).call(2, 'person.get', { id: 42 }));
    assert.deepEqual(missing, { id: 2, status: 400, error: { faultcode: 'Client', faultstring: 'Unknown ID', code: 'SB_CLIENT_ERROR' } });
  });

  it('watches a stream (socket and EventSource) and sees a change made over REST', async () => {
    await page.evaluate(async () => {
      (window as unknown as BrowserWindow).watch();
      // Frames are handled in order: once this answers, the watch is subscribed.
      await (window as unknown as BrowserWindow).call(3, 'person.list');
      await (window as unknown as BrowserWindow).sseOpen;
    });
    const r = await fetch(`${url}/ws/person/create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ p: { lastname: 'Buffay', firstname: 'Phoebe', age: 31, hobbies: ['Guitar'] } }),
    });
    assert.equal(r.status, 200);
    await page.waitForFunction(
      () => (window as unknown as BrowserWindow).wsEvents.length >= 1 && (window as unknown as BrowserWindow).sseEvents.length >= 1,
      null,
      { timeout: STEP_MS },
    );
    const { ws, sse } = await page.evaluate(() => ({ ws: (window as unknown as BrowserWindow).wsEvents, sse: (window as unknown as BrowserWindow).sseEvents }));
    assert.equal(ws[0].action, 'created');
    assert.equal(ws[0].person.firstname, 'Phoebe');
    assert.deepEqual(sse[0].id, '1');
    assert.equal(sse[0].data.action, 'created');
    assert.equal(sse[0].data.person.firstname, 'Phoebe');
    assert.deepEqual(pageErrors, []);
  });
});
