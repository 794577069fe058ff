// The typed client against the running demo and a Ferris endpoint, over REST+JSON, the WebSocket
// and JSON-RPC: names, arguments and results typed from the servers' own declarations (this file
// typechecks with the project, wrong calls are type errors), streams as async iterables whose
// abort ends them on the server too, and faults as SwitchboardFaults.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import type { personsApi } from '../examples/persons/app.ts';
import { ChangeBus } from '../examples/persons/changes.ts';
import { type PersonChange, personController, seedPersons } from '../examples/persons/person.ts';
import { client, closeClient, SwitchboardFault, type ClientOf } from '../src/client/index.ts';
import { createApp, root, type Running, serve } from '../src/index.ts';
import { type WebsocketServer, attachWebsocket } from '../src/servers/ws/index.ts';
import { FERRIS_TOKEN, ferrisApi } from './helpers/ferris-api.ts';
import { postJson } from './helpers/http.ts';

type Persons = ClientOf<typeof personsApi>;
const transports = ['rest', 'ws', 'jsonrpc'] as const;

/** Rejects with what `p` rejects with; fails when it resolves. */
async function fault(p: Promise<unknown>): Promise<SwitchboardFault> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof SwitchboardFault, String(err));
    return err;
  }
  assert.fail('the call succeeded');
}

describe('the typed client', () => {
  let running: Running;
  let sockets: WebsocketServer;
  const changes = new ChangeBus<PersonChange>();
  before(async () => {
    // The demo's declaration with a bus of its own, to see its watchers come and go.
    const persons = root({ webpath: 'ws', name: 'persons', controllers: { person: personController(seedPersons(), changes) } });
    running = await serve(createApp([persons, ferrisApi()]), { port: 0, host: '127.0.0.1' });
    sockets = attachWebsocket(running, {});
  });
  after(async () => {
    await sockets.close(200);
    await running.close(200);
  });

  for (const transport of transports) {
    it(`calls the demo over ${transport}, results typed from the declaration`, async () => {
      const api: Persons = client<typeof personsApi>(`${running.url}/ws`, { transport, WebSocket });
      try {
        const ross = await api.person.get({ id: 1 });
        const name: string = ross.firstname!;
        assert.equal(name, 'Ross');
        const all = await api.person.list();
        assert.ok(all.length >= 2);
        const created = await api.person.create({ p: { lastname: 'Bing', firstname: transport, age: 29, hobbies: [] } });
        assert.equal(typeof created.id, 'number');
        assert.equal(await api.person.destroy({ id: created.id! }), null);

        const missing = await fault(api.person.get({ id: 99 }));
        assert.deepEqual([missing.status, missing.code, missing.faultstring, missing.faultcode], [400, 'SB_CLIENT_ERROR', 'Unknown ID', 'Client']);
        assert.ok(missing instanceof Error);
        const invalid = await fault(api.person.get({ id: 'x' as unknown as number }));
        assert.equal(invalid.code, 'SB_INVALID_INPUT');
      } finally {
        closeClient(api);
      }
    });
  }

  for (const transport of ['rest', 'ws'] as const) {
    it(`streams person.watch over ${transport}; aborting ends it on the server`, async () => {
      const api = client<typeof personsApi>(`${running.url}/ws`, { transport, WebSocket });
      const controller = new AbortController();
      const seen: PersonChange[] = [];
      const watching = (async () => {
        for await (const change of api.person.watch({}, { signal: controller.signal })) {
          seen.push(change);
          if (seen.length === 1) controller.abort();
        }
      })();
      // Changes are made until the stream has one (it is open once the server has the call).
      for (let i = 0; i < 40 && seen.length === 0; i++) {
        await postJson(`${running.url}/ws/person/create`, { p: { lastname: 'Green', firstname: 'Rachel', age: 29, hobbies: [] } });
        await new Promise((r) => setTimeout(r, 25));
      }
      await watching;
      assert.equal(seen[0]!.action, 'created');
      assert.equal(seen[0]!.person?.firstname, 'Rachel');
      for (let i = 0; i < 100 && changes.size > 0; i++) await new Promise((r) => setTimeout(r, 10));
      assert.equal(changes.size, 0, 'the server ended the stream');
      closeClient(api);
    });
  }

  it('leaving a stream’s loop ends it on the server (WebSocket)', async () => {
    const api = client<typeof personsApi>(`${running.url}/ws`, { transport: 'ws', WebSocket });
    const stream = api.person.watch();
    const iterator = stream[Symbol.asyncIterator]();
    const first = iterator.next();
    for (let i = 0; i < 100 && changes.size === 0; i++) await new Promise((r) => setTimeout(r, 10));
    await postJson(`${running.url}/ws/person/create`, { p: { lastname: 'Geller', firstname: 'Ben', age: 1, hobbies: [] } });
    assert.equal(((await first).value as PersonChange).person?.firstname, 'Ben');
    await iterator.return!();
    for (let i = 0; i < 100 && changes.size > 0; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(changes.size, 0);
    closeClient(api);
  });

  it('calls a Ferris endpoint: path parameters, a whole body, int64, a bearer token', async () => {
    const url = `${running.url}/_ah/api/ferris/v1`;
    const anonymous = client<ReturnType<typeof ferrisApi>>(url);
    const first = await anonymous.posts.get({ id: 1n });
    const id: bigint = first.id!;
    assert.deepEqual([id, first.title, first.published], [1n, 'Hello', '2024-01-02']);
    assert.equal((await anonymous.posts.list({ limit: 1 })).length, 1);
    const refused = await fault(anonymous.posts.insert({ post: { title: 'New' } }));
    assert.deepEqual([refused.status, refused.faultstring], [401, 'A bearer token is needed']);

    const signed = client<ReturnType<typeof ferrisApi>>(url, { token: FERRIS_TOKEN });
    const created = await signed.posts.insert({ post: { title: 'New', content: 'Hi' } });
    assert.equal(created.content, 'Hi (by alice@example.com)');
    assert.equal(await signed.posts.delete({ id: String(created.id) }), null);
    assert.equal((await fault(signed.posts.get({ id: 99 }))).status, 404);
  });
});

/** Calls that must not typecheck (never run). */
export async function wrongCalls(api: Persons): Promise<void> {
  // @ts-expect-error: id is an integer
  void api.person.get({ id: 'one' });
  // @ts-expect-error: id is required
  void api.person.get({});
  // @ts-expect-error: no such function
  void api.person.fly();
  // @ts-expect-error: a result is not a stream
  for await (const _ of api.person.get({ id: 1 })) break;
}
