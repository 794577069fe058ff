/**
 * Ext Direct polling end to end over node:http with fetch: the polling descriptor, a stream
 * polled per client (a change made over REST+JSON reaches every client, each at its own pace),
 * arguments from the query or a form body, a value per poll, the overflow, end and error of a
 * stream, expiry (the stream's iterator is closed) and the client limit.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import vm from 'node:vm';
import { ChangeBus } from '../examples/persons/changes.ts';
import type { PersonChange } from '../examples/persons/person.ts';
import { type ExtDirectOptions, type FunctionDef, type Running, controller, createApp, expose, extdirect, restjson, root, serve, t } from '../src/index.ts';
import { extdirectRoot } from './browser/app.ts';

interface Polled {
  status: number;
  messages: Record<string, unknown>[];
  cookie: string | undefined;
}

const Rachel = { firstname: 'Rachel', lastname: 'Green', age: 29, hobbies: ['Fashion'] };

async function start(options: ExtDirectOptions = {}) {
  const changes = new ChangeBus<PersonChange>();
  const running: Running = await serve(createApp(extdirectRoot([], changes), { protocols: [restjson(), extdirect(options)] }), { port: 0, host: '127.0.0.1' });
  const base = `${running.url}/ws/extdirect/poll`;
  /** One poll; `cookie` is sent back as Ext JS's browser would. */
  const poll = async (path: string, init: { cookie?: string; query?: string; form?: string; method?: string } = {}): Promise<Polled> => {
    const headers: Record<string, string> = {};
    if (init.cookie) headers.cookie = init.cookie;
    if (init.form !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
    const r = await fetch(`${base}/${path}${init.query ? `?${init.query}` : ''}`, {
      method: init.method ?? (init.form === undefined ? 'GET' : 'POST'),
      headers,
      body: init.form,
    });
    const set = r.headers.get('set-cookie');
    return { status: r.status, messages: (await r.json()) as Record<string, unknown>[], cookie: set ? set.split(';')[0] : undefined };
  };
  const create = async (p: object) => {
    const r = await fetch(`${running.url}/ws/person/create`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ p }) });
    assert.equal(r.status, 200);
    return (await r.json()) as { id: number };
  };
  return { running, changes, poll, create };
}

/** The first names of the persons in a poll's change events. */
const names = (p: Polled) => p.messages.map((m) => (m.data as { person: { firstname: string } }).person.firstname);

/** Waits, a bounded number of times, until `done()` holds. */
async function until(done: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((r) => setTimeout(r, 25));
  assert.ok(done(), `${what}: not within 5 s`);
}

describe('Ext Direct polling', () => {
  let s: Awaited<ReturnType<typeof start>>;
  before(async () => {
    s = await start();
  });
  after(() => s.running.close());

  it('api.js assigns the polling providers by event name; api.json carries them as `polling`', async () => {
    const js = await (await fetch(`${s.running.url}/ws/extdirect/api.js`)).text();
    const sandbox: Record<string, Record<string, unknown>> = { persons: {} };
    vm.runInNewContext(js, { ...sandbox, Ext: { ns: () => undefined } });
    const polling = JSON.parse(JSON.stringify(sandbox.persons.POLLING_API));
    assert.deepEqual(polling, {
      'person.watch': { type: 'polling', url: '/ws/extdirect/poll/person/watch', interval: 3000 },
      tick: { type: 'polling', url: '/ws/extdirect/poll/feed/ticks', interval: 3000 },
      'feed.clock': { type: 'polling', url: '/ws/extdirect/poll/feed/clock', interval: 3000 },
      'feed.failing': { type: 'polling', url: '/ws/extdirect/poll/feed/failing', interval: 3000 },
    });
    const remoting = JSON.parse(JSON.stringify(sandbox.persons.REMOTING_API));
    assert.ok(!remoting.actions.person.some((m: { name: string }) => m.name === 'watch'), 'a polled function is not a remoting method');
    assert.equal(remoting.actions.feed, undefined);
    const json = (await (await fetch(`${s.running.url}/ws/extdirect/api.json`)).json()) as Record<string, unknown>;
    assert.deepEqual(json, { ...remoting, polling });
  });

  it('a poll sees a change made over REST+JSON; nothing twice', async () => {
    const first = await s.poll('person/watch');
    assert.equal(first.status, 200);
    assert.deepEqual(first.messages, []);
    assert.match(first.cookie ?? '', /^sbpoll=[\w-]{22}$/);
    const rachel = await s.create(Rachel);
    const second = await s.poll('person/watch', { cookie: first.cookie });
    assert.deepEqual(second.messages, [{ type: 'event', name: 'person.watch', data: { action: 'created', person: { id: rachel.id, ...Rachel } } }]);
    assert.equal(second.cookie, undefined, 'a known client gets no new cookie');
    assert.deepEqual((await s.poll('person/watch', { cookie: first.cookie })).messages, []);
  });

  it('two clients each get their own events, at their own pace', async () => {
    const a = (await s.poll('person/watch')).cookie;
    const b = (await s.poll('person/watch', { query: 'pollClient=client-b-0123456789ab' })).cookie;
    assert.equal(b, undefined, 'a client that names itself gets no cookie');
    await s.create({ ...Rachel, firstname: 'Joey' });
    const gotA = await s.poll('person/watch', { cookie: a });
    assert.deepEqual(names(gotA), ['Joey']);
    await s.create({ ...Rachel, firstname: 'Phoebe' });
    const gotB = await s.poll('person/watch', { query: 'pollClient=client-b-0123456789ab' });
    assert.deepEqual(names(gotB), ['Joey', 'Phoebe']);
    assert.deepEqual(names(await s.poll('person/watch', { cookie: a })), ['Phoebe']);
  });

  it('arguments come from the query or a form body (baseParams); a finite stream ends with `<name>.end`', async () => {
    const first = await s.poll('feed/ticks', { form: 'n=2&from=5&_dc=123' });
    assert.deepEqual(first.messages, []);
    const rest = await s.poll('feed/ticks', { cookie: first.cookie, form: 'from=5&n=2' });
    assert.deepEqual(rest.messages, [
      { type: 'event', name: 'tick', data: 5 },
      { type: 'event', name: 'tick', data: 6 },
      { type: 'event', name: 'tick.end', data: null },
    ]);
    // The client was forgotten with its stream: the next poll starts it again.
    const again = await s.poll('feed/ticks', { cookie: first.cookie, query: 'n=1' });
    assert.deepEqual(again.messages, []);
    assert.deepEqual(
      (await s.poll('feed/ticks', { cookie: first.cookie, query: 'n=1' })).messages.map((m) => m.data),
      [1, null],
    );
  });

  it('other arguments from the same client restart its stream', async () => {
    const c = (await s.poll('feed/ticks', { query: 'n=100&from=1' })).cookie;
    const restarted = await s.poll('feed/ticks', { cookie: c, query: 'n=1&from=42' });
    assert.deepEqual(restarted.messages, []);
    assert.deepEqual(
      (await s.poll('feed/ticks', { cookie: c, query: 'n=1&from=42' })).messages.map((m) => m.data),
      [42, null],
    );
  });

  it('a function that returns a value answers every poll with one event', async () => {
    const r = await s.poll('feed/clock');
    assert.deepEqual(r.messages, [{ type: 'event', name: 'feed.clock', data: 'tick-tock' }]);
    assert.equal(r.cookie, undefined, 'no client is kept');
  });

  it('a stream that fails delivers its events, then its error as an exception', async () => {
    const c = (await s.poll('feed/failing')).cookie;
    assert.deepEqual((await s.poll('feed/failing', { cookie: c })).messages, [
      { type: 'event', name: 'feed.failing', data: 1 },
      { type: 'exception', tid: null, action: 'feed', method: 'failing', message: 'the feed broke', faultcode: 'Client', code: 'SB_CLIENT_ERROR' },
    ]);
  });

  it('bad arguments and bad client ids are exceptions; wrong paths and verbs are HTTP errors', async () => {
    const exception = (message: string, code: string) => [
      { type: 'exception', tid: null, action: 'feed', method: 'ticks', message, faultcode: 'Client', code },
    ];
    assert.deepEqual((await s.poll('feed/ticks')).messages, exception('Missing argument: "n"', 'SB_MISSING_ARGUMENT'));
    const invalid = "Invalid input for field/attribute n. Value: 'x'. unable to convert to int";
    // A validation fault also lists its field errors, each with its path.
    assert.deepEqual((await s.poll('feed/ticks', { query: 'n=x' })).messages, [
      { ...exception(invalid, 'SB_INVALID_INPUT')[0], fields: [{ path: 'n', message: invalid }] },
    ]);
    assert.deepEqual((await s.poll('feed/ticks', { query: 'n=1&m=2' })).messages, exception('Unknown argument: "m"', 'SB_UNKNOWN_ARGUMENT'));
    const badId = await s.poll('feed/clock', { query: 'pollClient=short' });
    assert.match(badId.messages[0].message as string, /^Invalid input for field\/attribute pollClient/);
    const json = await fetch(`${s.running.url}/ws/extdirect/poll/feed/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(json.status, 200);
    assert.match(((await json.json()) as { message: string }[])[0].message, /^Cannot read a body of type application\/json/);
    const missing = await s.poll('feed/nothing');
    assert.equal(missing.status, 404);
    assert.equal((missing.messages as unknown as { type: string }).type, 'exception');
    const put = await fetch(`${s.running.url}/ws/extdirect/poll/feed/clock`, { method: 'PUT' });
    assert.equal(put.status, 405);
    assert.equal(put.headers.get('allow'), 'GET, POST');
    await put.body?.cancel();
  });

  it('calling a stream through the router says to poll it, and closes the stream', async () => {
    const before = s.changes.size;
    const r = await fetch(`${s.running.url}/ws/extdirect/router`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'person', method: 'watch', data: null, type: 'rpc', tid: 1 }),
    });
    const answer = (await r.json()) as { type: string; message: string };
    assert.equal(answer.type, 'exception');
    assert.match(answer.message, /^person\.watch streams its results/);
    await until(() => s.changes.size === before, 'the stream closed');
  });
});

describe('Ext Direct polling limits', () => {
  it('an idle client expires: its stream is closed', async () => {
    const s = await start({ poll_interval: 100, poll_timeout: 200 });
    try {
      const c = (await s.poll('person/watch')).cookie;
      assert.equal(s.changes.size, 1);
      await until(() => s.changes.size === 0, 'expiry closed the watch');
      // Polling again after expiry starts afresh (the same cookie names a new client).
      assert.deepEqual((await s.poll('person/watch', { cookie: c })).messages, []);
      assert.equal(s.changes.size, 1);
    } finally {
      await s.running.close();
    }
  });

  it('at most poll_clients clients with a stream; a value-polled function needs none', async () => {
    const s = await start({ poll_clients: 2 });
    try {
      await s.poll('person/watch');
      await s.poll('person/watch');
      const third = await s.poll('person/watch');
      assert.deepEqual(third.messages, [
        {
          type: 'exception',
          tid: null,
          action: 'person',
          method: 'watch',
          message: 'Too many polling clients (limit 2); try again later',
          faultcode: 'Client',
          code: 'SB_TOO_MANY_POLL_CLIENTS',
        },
      ]);
      assert.equal(s.changes.size, 2, "the refused client's stream was closed");
      assert.equal((await s.poll('feed/clock')).messages.length, 1);
    } finally {
      await s.running.close();
    }
  });

  it('at most poll_buffer items wait per client; the dropped ones are counted in `<name>.overflow`', async () => {
    const s = await start({ poll_buffer: 3 });
    try {
      const c = (await s.poll('feed/ticks', { query: 'n=10' })).cookie;
      const data = async () => (await s.poll('feed/ticks', { cookie: c, query: 'n=10' })).messages.map((m) => [m.name, m.data]);
      // The pump pauses once as many items were dropped as are kept, until the next poll.
      assert.deepEqual(await data(), [
        ['tick.overflow', { dropped: 3 }],
        ['tick', 4],
        ['tick', 5],
        ['tick', 6],
      ]);
      assert.deepEqual(await data(), [
        ['tick.overflow', { dropped: 1 }],
        ['tick', 8],
        ['tick', 9],
        ['tick', 10],
        ['tick.end', null],
      ]);
    } finally {
      await s.running.close();
    }
  });

  it('closing the app ends every polled stream: the watchers leave the bus, at once', async () => {
    const t = await start();
    try {
      await t.poll('person/watch');
      await t.poll('person/watch', { query: 'pollClient=client-c-0123456789ab' });
      await until(() => t.changes.size === 2, 'two watching clients');
      t.running.app.close();
      await until(() => t.changes.size === 0, 'no watcher left');
      t.running.app.close();
    } finally {
      await t.running.close();
    }
  });

  it('a server that built its app closes it with itself', async () => {
    const changes = new ChangeBus<PersonChange>();
    const running = await serve(extdirectRoot([], changes), { port: 0, host: '127.0.0.1' });
    try {
      const r = await fetch(`${running.url}/ws/extdirect/poll/person/watch`);
      assert.equal(r.status, 200);
      await r.arrayBuffer();
      await until(() => changes.size === 1, 'one watching client');
    } finally {
      await running.close();
    }
    assert.equal(changes.size, 0);
  });

  it('bad poll options throw when the protocol is made', () => {
    assert.throws(() => extdirect({ poll_interval: 50 }), /at least 100/);
    assert.throws(() => extdirect({ poll_interval: 5000, poll_timeout: 4000 }), /longer than poll_interval/);
    assert.throws(() => extdirect({ poll_buffer: 0 }), /poll_buffer must be a positive integer/);
    assert.throws(() => extdirect({ polling_descriptor: 'a b' }), /dotted JavaScript name/);
  });

  it('bad extdirect_poll options, clashing event names and reserved argument names throw when the app is made', () => {
    const make = (fns: Record<string, FunctionDef>) => createApp(root({ controllers: { c: controller(fns) } }), { protocols: [extdirect()] });
    const f = (extra: Record<string, unknown>, args = {}) => expose({ args, returns: t.integer(), extra }, () => 1);
    assert.throws(() => make({ a: f({ extdirect_poll: 'exception' }) }), /must be true or an event name/);
    assert.throws(() => make({ a: f({ extdirect_poll: 3 }) }), /must be true or an event name/);
    assert.throws(() => make({ a: f({ extdirect_poll: 'x' }), b: f({ extdirect_poll: 'x' }) }), /two polled functions deliver events named "x"/);
    assert.throws(() => make({ a: f({ extdirect_poll: true }, { pollClient: t.string() }) }), /cannot have an argument named pollClient/);
  });

  it('without polled functions, api.js and api.json describe the remoting provider only', async () => {
    const app = createApp(root({ name: 'plain', controllers: { c: controller({ f: expose({ returns: t.integer() }, () => 1) }) } }), {
      protocols: [extdirect()],
    });
    const running = await serve(app, { port: 0, host: '127.0.0.1' });
    try {
      const js = await (await fetch(`${running.url}/extdirect/api.js`)).text();
      assert.doesNotMatch(js, /POLLING_API/);
      const json = (await (await fetch(`${running.url}/extdirect/api.json`)).json()) as Record<string, unknown>;
      assert.equal(json.polling, undefined);
      assert.equal((await fetch(`${running.url}/extdirect/poll/c/f`)).status, 404);
    } finally {
      await running.close();
    }
  });
});
