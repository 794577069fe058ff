import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SwitchboardError } from '../../errors/index.ts';
import { CLIENT_ID, PollClients, newClientId } from './clients.ts';
import { cookieId } from './poll.ts';
import { Subscription } from './subscription.ts';

function client(id: string) {
  let closed = false;
  const it: AsyncIterator<number> = {
    next: () => new Promise(() => {}),
    return: async () => {
      closed = true;
      return { done: true, value: undefined };
    },
  };
  const abort = new AbortController();
  return { entry: { id, fn: 'f', args: '[]', abort, subscription: new Subscription(it, String, 10) }, closed: () => closed, abort };
}

describe('Ext Direct polling clients', () => {
  it('ids are random, 22 characters of base64url, and match what a client may choose', () => {
    const a = newClientId();
    assert.match(a, /^[\w-]{22}$/);
    assert.notEqual(a, newClientId());
    assert.ok(CLIENT_ID.test(a));
    assert.ok(!CLIENT_ID.test('short') && !CLIENT_ID.test('x'.repeat(65)) && !CLIENT_ID.test('has space in it 123'));
  });

  it('a client idle past the timeout expires: its stream is closed and its signal aborted', () => {
    let now = 0;
    const clients = new PollClients(10, 1000, () => now);
    const c = client('client-aaaaaaaaaaaa');
    clients.add(c.entry);
    now = 900;
    assert.ok(clients.get('f', 'client-aaaaaaaaaaaa'), 'a poll keeps it alive');
    assert.equal(clients.get('g', 'client-aaaaaaaaaaaa'), undefined, 'an id names a client of one function');
    now = 1800;
    clients.sweep();
    assert.equal(clients.size, 1);
    now = 2000;
    clients.sweep();
    assert.equal(clients.size, 0);
    assert.equal(c.closed(), true);
    assert.equal(c.abort.signal.aborted, true);
  });

  it('refuses a client past the limit, unless an idle one can go', () => {
    let now = 0;
    const clients = new PollClients(1, 1000, () => now);
    clients.reserve();
    clients.add(client('client-aaaaaaaaaaaa').entry);
    assert.throws(
      () => clients.reserve(),
      (e: unknown) => e instanceof SwitchboardError && e.code === 'SB_TOO_MANY_POLL_CLIENTS',
    );
    now = 1001;
    clients.reserve();
    assert.equal(clients.size, 0);
    clients.clear();
  });

  it('reads the first well-formed sbpoll cookie', () => {
    assert.equal(cookieId(undefined), undefined);
    assert.equal(cookieId('a=1; sbpoll=bad; sbpoll=client-aaaaaaaaaaaa'), 'client-aaaaaaaaaaaa');
    assert.equal(cookieId('xsbpoll=client-aaaaaaaaaaaa'), undefined);
  });
});
