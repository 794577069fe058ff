/**
 * The real client: Ext JS 6.2 (GPL, from npm, test-only) in headless Chromium calls the demo
 * through `Ext.direct.RemotingProvider` loaded from our `api.js`: single calls, calls made in
 * one tick (batched by Ext JS into one HTTP request), form submits (urlencoded and a file
 * upload through Ext's hidden iframe) and an exception; and `Ext.direct.PollingProvider`s
 * from our `POLLING_API`: one receives the `person.watch` event of a person created over
 * REST, another posts its `baseParams` as the stream's arguments.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { createApp } from '../src/index.ts';
import { extdirectRoot } from './browser/app.ts';
import { openPage } from './browser/chromium.ts';
import { type BrowserTestServer, startBrowserTestServer } from './browser/server.ts';

interface Called {
  result: unknown;
  success: boolean;
  type: string;
  message: string | null;
}

interface Fired {
  type: string;
  name: string | null;
  data: unknown;
  message: string | null;
}

interface PollPage {
  events: Fired[];
  polled: Record<string, unknown[]>;
  startPolling(name: string, config: object): string;
  stopPolling(id: string): void;
}

interface Submitted {
  ok: boolean;
  result: Record<string, unknown> | null;
  failureType?: string;
}

// The page's globals, as far as these tests use them.
declare const Ext: {
  direct: { Manager: { loadProvider(config: object, callback: (url: string, provider: string | { type: string; url: string }) => void): void } };
};

const PAGE = fileURLToPath(new URL('./browser/extdirect.html', import.meta.url));
/** Every wait in the browser is bounded by this. */
const STEP_MS = 15_000;

/** `page.evaluate` has no timeout of its own: a callback Ext never calls must fail the test, not hang it. */
function bounded<T>(p: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${STEP_MS} ms`)), STEP_MS);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

describe('Ext JS 6.2 RemotingProvider in headless Chromium', { timeout: 120_000 }, () => {
  let server: BrowserTestServer;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[] = [];

  before(async () => {
    server = await startBrowserTestServer(createApp(extdirectRoot()), PAGE);
    ({ browser, page, pageErrors } = await openPage(`${server.url}/test/page.html`, STEP_MS));
    await page.waitForFunction(() => (window as unknown as { provider?: unknown }).provider !== undefined, null, { timeout: STEP_MS });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const call = (name: string, args: unknown[]): Promise<Called> =>
    bounded(
      page.evaluate(([n, a]) => (window as unknown as { direct(n: string, a: unknown[]): Promise<Called> }).direct(n, a), [name, args] as const),
      name,
    );

  it('loads the descriptor from api.js and creates the stubs', async () => {
    const stubs = await page.evaluate(() => {
      const ns = (window as unknown as { persons: Record<string, Record<string, unknown>> }).persons;
      return [
        typeof ns.person.get,
        typeof ns.math.add,
        typeof ns.files.upload,
        typeof (ns.nested.inner as Record<string, unknown>).ping,
        typeof ns.root.version,
      ];
    });
    assert.deepEqual(stubs, ['function', 'function', 'function', 'function', 'function']);
    assert.deepEqual(pageErrors, []);
  });

  it('Ext.direct.Manager.loadProvider loads api.js by the variable it assigns', async () => {
    const loaded = await bounded(
      page.evaluate(
        () =>
          new Promise<string>((resolve) => {
            Ext.direct.Manager.loadProvider({ url: '/ws/extdirect/api.js', varName: 'persons.REMOTING_API' }, (_url, provider) =>
              resolve(typeof provider === 'string' ? provider : `${provider.type} ${provider.url}`),
            );
          }),
      ),
      'loadProvider',
    );
    assert.equal(loaded, 'remoting /ws/extdirect/router');
  });

  it('single calls: named, positional, nested action, no arguments', async () => {
    const before = server.routerHits.length;
    const get = await call('persons.person.get', [{ id: 1 }]);
    assert.deepEqual(get, {
      result: { id: 1, lastname: 'Geller', firstname: 'Ross', age: 30, hobbies: ['Dinosaurs', 'Rachel'] },
      success: true,
      type: 'rpc',
      message: null,
    });
    assert.equal((await call('persons.math.add', [2, 40])).result, 42);
    assert.equal((await call('persons.nested.inner.ping', [])).result, 'pong');
    assert.equal((await call('persons.root.version', [])).result, '1.0');
    const created = await call('persons.person.create', [{ p: { firstname: 'Rachel', lastname: 'Green', age: 29, hobbies: ['Fashion'] } }]);
    assert.deepEqual(created.result, { id: 3, firstname: 'Rachel', lastname: 'Green', age: 29, hobbies: ['Fashion'] });
    // One HTTP request per call, each carrying a single call object.
    const hits = server.routerHits.slice(before);
    assert.equal(hits.length, 5);
    assert.ok(hits.every((h) => !Array.isArray(JSON.parse(h.body))));
  });

  it('calls made in one tick go in one HTTP request, and each callback gets its own answer', async () => {
    const before = server.routerHits.length;
    const results = await bounded(
      page.evaluate(() => {
        const w = window as unknown as { direct(n: string, a: unknown[]): Promise<Called> };
        return Promise.all([
          w.direct('persons.person.get', [{ id: 2 }]),
          w.direct('persons.math.add', [1, 2]),
          w.direct('persons.person.get', [{ id: 99 }]),
          w.direct('persons.person.list', []),
        ]);
      }),
      'batch',
    );
    const hits = server.routerHits.slice(before);
    assert.equal(hits.length, 1, 'one HTTP request');
    const batch = JSON.parse(hits[0].body) as { action: string; method: string }[];
    assert.deepEqual(
      batch.map((c) => `${c.action}.${c.method}`),
      ['person.get', 'math.add', 'person.get', 'person.list'],
    );
    assert.equal((results[0].result as { firstname: string }).firstname, 'Monica');
    assert.equal(results[1].result, 3);
    assert.deepEqual([results[2].success, results[2].type, results[2].message], [false, 'exception', 'Unknown ID']);
    assert.equal((results[3].result as unknown[]).length, 3);
  });

  it('an exception reaches the callback as a failed call with its message', async () => {
    const missing = await call('persons.person.get', [{}]);
    assert.deepEqual([missing.success, missing.type, missing.message], [false, 'exception', 'Missing argument: "id"']);
    const boom = await call('persons.math.boom', []);
    assert.deepEqual([boom.success, boom.type, boom.message], [false, 'exception', 'Internal server error']);
  });

  it('a form submit reaches a form handler and its result comes back to the form', async () => {
    const before = server.routerHits.length;
    const submitted = await bounded(
      page.evaluate(() => {
        const w = window as unknown as { makeForm(id: string, submit: string, items: unknown[]): unknown; submitForm(id: string): Promise<Submitted> };
        w.makeForm('profileForm', 'persons.files.profile', [
          { xtype: 'textfield', name: 'name', value: 'Chandler Bing' },
          { xtype: 'numberfield', name: 'age', value: 29 },
        ]);
        return w.submitForm('profileForm');
      }),
      'form submit',
    );
    assert.deepEqual(submitted, { ok: true, result: { success: true, name: 'Chandler Bing', age: 29 } });
    const hit = server.routerHits.slice(before)[0];
    assert.match(hit.contentType, /^application\/x-www-form-urlencoded/);
    assert.match(hit.body, /extAction=files/);
  });

  it('a file upload goes through a multipart form post and the textarea answer', async () => {
    await page.evaluate(() => {
      const w = window as unknown as { makeForm(id: string, submit: string, items: unknown[]): unknown };
      w.makeForm('uploadForm', 'persons.files.upload', [
        { xtype: 'textfield', name: 'title', value: 'a <b>bold</b> & </textarea> title' },
        { xtype: 'filefield', name: 'file' },
      ]);
    });
    await page.setInputFiles('#uploadForm input[type=file]', {
      name: 'logo.png',
      mimeType: 'image/png',
      buffer: Buffer.from([137, 80, 78, 71, 13, 10, 26, 10, 0]),
    });
    const before = server.routerHits.length;
    const submitted = await bounded(
      page.evaluate(() => (window as unknown as { submitForm(id: string): Promise<Submitted> }).submitForm('uploadForm')),
      'upload',
    );
    // The handler's result has no `success` member, so Ext's form calls it a failure; the data is intact.
    assert.deepEqual(submitted.result, { title: 'a <b>bold</b> & </textarea> title', size: 9, head: [137, 80, 78, 71] });
    const hit = server.routerHits.slice(before)[0];
    assert.match(hit.contentType, /^multipart\/form-data; boundary=/);
    assert.match(hit.body, /name="extUpload"\r\n\r\ntrue/);
    assert.deepEqual(pageErrors, []);
  });

  /** Waits, a bounded number of times, until the server has seen `n` polls of `path`. */
  async function polls(path: string, n: number): Promise<void> {
    const count = () => server.pollHits.filter((h) => h.endsWith(path)).length;
    for (let i = 0; i < 150 && count() < n; i++) await new Promise((r) => setTimeout(r, 100));
    assert.ok(count() >= n, `${path}: ${count()} of ${n} polls within 15 s`);
  }

  it('a PollingProvider receives the person.watch event of a person created over REST', async () => {
    const id = await page.evaluate(() => (window as unknown as PollPage).startPolling('person.watch', { interval: 100 }));
    // The first poll starts this client's watch; what happens after it reaches the next poll.
    await polls('/poll/person/watch', 1);
    const r = await fetch(`${server.url}/ws/person/create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ p: { firstname: 'Joey', lastname: 'Tribbiani', age: 31, hobbies: ['Food'] } }),
    });
    const joey = (await r.json()) as { id: number };
    await page.waitForFunction(() => ((window as unknown as PollPage).polled['person.watch'] ?? []).length > 0, null, { timeout: STEP_MS });
    const seen = await page.evaluate(() => (window as unknown as PollPage).polled['person.watch']);
    assert.deepEqual(seen, [{ action: 'created', person: { id: joey.id, firstname: 'Joey', lastname: 'Tribbiani', age: 31, hobbies: ['Food'] } }]);
    await page.evaluate((pid) => (window as unknown as PollPage).stopPolling(pid), id);
    // Ext polls with GET when it has no baseParams; its `_dc` cache buster is ignored.
    assert.ok(server.pollHits.every((h) => h === 'GET /ws/extdirect/poll/person/watch'));
    assert.deepEqual(pageErrors, []);
  });

  it("baseParams are POSTed as the stream's arguments; the end of the stream is an event too", async () => {
    const id = await page.evaluate(() => (window as unknown as PollPage).startPolling('tick', { interval: 100, baseParams: { n: 2, from: 7 } }));
    await page.waitForFunction(() => (window as unknown as PollPage).events.some((e) => e.name === 'tick.end'), null, { timeout: STEP_MS });
    await page.evaluate((pid) => (window as unknown as PollPage).stopPolling(pid), id);
    const ticks = await page.evaluate(() => (window as unknown as PollPage).events.filter((e) => e.name?.startsWith('tick')));
    assert.deepEqual(ticks, [
      { type: 'event', name: 'tick', data: 7, message: null },
      { type: 'event', name: 'tick', data: 8, message: null },
      { type: 'event', name: 'tick.end', data: null, message: null },
    ]);
    assert.deepEqual(await page.evaluate(() => (window as unknown as PollPage).polled.tick), [7, 8]);
    assert.ok(server.pollHits.includes('POST /ws/extdirect/poll/feed/ticks'));
  });

  it('a failing poll reaches the Manager as an exception event', async () => {
    const id = await page.evaluate(() => {
      const w = window as unknown as PollPage;
      w.events.length = 0; // the remoting calls above fired events of their own
      return w.startPolling('feed.failing', { interval: 100, baseParams: { nope: 1 } });
    });
    await page.waitForFunction(() => (window as unknown as PollPage).events.some((e) => e.type === 'exception'), null, { timeout: STEP_MS });
    await page.evaluate((pid) => (window as unknown as PollPage).stopPolling(pid), id);
    const failed = await page.evaluate(() => (window as unknown as PollPage).events.find((e) => e.type === 'exception'));
    assert.deepEqual(failed, { type: 'exception', name: null, data: null, message: 'Unknown argument: "nope"' });
    assert.deepEqual(pageErrors, []);
  });
});
