// Ext Direct polling clients are capped per remote address too (issue 10, defect 7): one
// client cannot take every slot of the server-wide `poll_clients` for the poll timeout.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { describe, it } from 'node:test';
import { ChangeBus } from '../../examples/persons/changes.ts';
import type { PersonChange } from '../../examples/persons/person.ts';
import { type ExtDirectOptions, createApp, extdirect, restjson, serve } from '../../src/index.ts';
import { extdirectRoot } from '../browser/app.ts';

async function start(options: ExtDirectOptions, trustProxy?: boolean) {
  const changes = new ChangeBus<PersonChange>();
  const running = await serve(createApp(extdirectRoot([], changes), { protocols: [restjson(), extdirect(options)], trustProxy }), {
    port: 0,
    host: '127.0.0.1',
  });
  return { running, changes };
}

/** One poll of person.watch from `localAddress` (another loopback address is another client machine). */
function poll(url: string, localAddress: string, headers: Record<string, string> = {}): Promise<{ code?: string }[]> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/ws/extdirect/poll/person/watch`, { localAddress, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        text += d;
      });
      res.on('end', () => resolve(JSON.parse(text) as { code?: string }[]));
    });
    req.on('error', reject);
    req.end();
  });
}

const refused = (messages: { code?: string }[]) => messages.length === 1 && messages[0].code === 'SB_TOO_MANY_POLL_CLIENTS';

describe('hostile input: Ext Direct poll clients per remote address', () => {
  it('at most poll_clients_per_address from one address; another address still gets a slot', async () => {
    const s = await start({ poll_clients: 10, poll_clients_per_address: 3 });
    try {
      for (let i = 0; i < 3; i++) assert.ok(!refused(await poll(s.running.url, '127.0.0.1')), `client ${i}`);
      const fourth = await poll(s.running.url, '127.0.0.1');
      assert.ok(refused(fourth), JSON.stringify(fourth));
      assert.match(JSON.stringify(fourth), /limit 3 from one address/);
      assert.ok(!refused(await poll(s.running.url, '127.0.0.2')));
      assert.equal(s.changes.size, 4, "the refused client's stream was closed");
    } finally {
      await s.running.close();
    }
  });

  it('behind a trusted proxy, the address is the one it forwards', async () => {
    const s = await start({ poll_clients: 10, poll_clients_per_address: 1 }, true);
    try {
      assert.ok(!refused(await poll(s.running.url, '127.0.0.1', { 'x-forwarded-for': '203.0.113.7' })));
      assert.ok(!refused(await poll(s.running.url, '127.0.0.1', { 'x-forwarded-for': '203.0.113.8' })));
      assert.ok(refused(await poll(s.running.url, '127.0.0.1', { 'x-forwarded-for': '198.51.100.1, 203.0.113.8' })));
    } finally {
      await s.running.close();
    }
  });

  it('a bad option is refused at start-up', () => {
    assert.throws(() => extdirect({ poll_clients_per_address: 0 }), /poll_clients_per_address/);
  });
});
