/**
 * The typed client in headless Chromium: the package's `switchboard/client` module, bundled as a
 * browser would load it (esbuild, the sources as they are), calls the demo from a page of the
 * demo's origin over REST+JSON, JSON-RPC and the browser's own WebSocket, reads a fault's code,
 * and watches person.watch until an abort ends it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { personsRoot } from '../examples/persons/app.ts';
import { type Running, serve } from '../src/index.ts';
import { type WebsocketServer, attachWebsocket } from '../src/servers/ws/index.ts';
import { openPage } from './browser/chromium.ts';
import { postJson } from './helpers/http.ts';

const STEP_MS = 30_000;
const ENTRY = fileURLToPath(new URL('../src/client/index.ts', import.meta.url));

/** The page's view of the bundle. */
type Bundle = {
  client: (url: string, options?: object) => Record<string, Record<string, (args?: object, options?: object) => PromiseLike<unknown> & AsyncIterable<unknown>>>;
};
declare const Switchboard: Bundle;

describe('the typed client in Chromium', () => {
  let running: Running;
  let sockets: WebsocketServer;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];
  before(async () => {
    running = await serve(personsRoot(), { port: 0, host: '127.0.0.1' });
    sockets = attachWebsocket(running, {});
    const bundle = await build({ entryPoints: [ENTRY], bundle: true, format: 'iife', globalName: 'Switchboard', platform: 'browser', write: false });
    ({ browser, page, pageErrors } = await openPage(`${running.url}/ws/openapi.json`, STEP_MS));
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
  });
  after(async () => {
    await browser?.close();
    await sockets?.close(200);
    await running?.close(200);
  });

  it('calls over REST+JSON, JSON-RPC and the WebSocket, and reads a fault', async () => {
    const answers = await page.evaluate(async (base) => {
      const out: unknown[] = [];
      for (const transport of ['rest', 'jsonrpc', 'ws']) {
        const api = Switchboard.client(base, { transport });
        const one = (await api.person!.get!({ id: 1 })) as { firstname: string };
        const fault = await Promise.resolve(api.person!.get!({ id: 99 })).then(
          () => null,
          (e: { name: string; code: string; status: number }) => [e.name, e.code, e.status],
        );
        out.push([transport, one.firstname, fault]);
      }
      return out;
    }, `${running.url}/ws`);
    assert.deepEqual(answers, [
      ['rest', 'Ross', ['SwitchboardFault', 'SB_CLIENT_ERROR', 400]],
      ['jsonrpc', 'Ross', ['SwitchboardFault', 'SB_CLIENT_ERROR', 400]],
      ['ws', 'Ross', ['SwitchboardFault', 'SB_CLIENT_ERROR', 400]],
    ]);
  });

  it('watches a stream over the WebSocket until it is aborted', async () => {
    await page.evaluate((base) => {
      const w = window as unknown as { seen: unknown[]; watching: Promise<void> };
      const api = Switchboard.client(base, { transport: 'ws' });
      const controller = new AbortController();
      w.seen = [];
      w.watching = (async () => {
        for await (const change of api.person!.watch!({}, { signal: controller.signal })) {
          w.seen.push(change);
          controller.abort();
        }
      })();
    }, `${running.url}/ws`);
    let seen = 0;
    for (let i = 0; i < 40 && seen === 0; i++) {
      await postJson(`${running.url}/ws/person/create`, { p: { lastname: 'Green', firstname: 'Rachel', age: 29, hobbies: [] } });
      seen = await page.evaluate(() => (window as unknown as { seen: unknown[] }).seen.length);
    }
    await page.evaluate(() => (window as unknown as { watching: Promise<void> }).watching);
    const first = await page.evaluate(() => (window as unknown as { seen: { person: { firstname: string } }[] }).seen[0]!.person.firstname);
    assert.equal(first, 'Rachel');
    assert.deepEqual(pageErrors, []);
  });
});
