// MessagePack over a real socket: 64-bit integers travel exactly both ways (an int64 argument
// beyond 2^53 reaches the handler with every digit, and so does the result coming back), and
// values still go through the schema's decoders (a 64-bit 7 is an integer argument like any 7).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Packr } from 'msgpackr';
import { controller, expose, root, t } from '../src/index.ts';
import { Client, type WsServer, startWs } from './ws-fixture.ts';

const msgpack = new Packr({ useRecords: false, mapsAsObjects: true, int64AsType: 'bigint' });

const app = root({
  webpath: 'ws',
  controllers: {
    n: controller({
      next: expose({ args: { n: t.int64() }, returns: t.int64() }, ({ n }) => n + 1n),
      double: expose({ args: { n: t.integer() }, returns: t.integer() }, ({ n }) => n * 2),
    }),
  },
});

describe('WebSocket MessagePack: int64 exactness', () => {
  let s: WsServer;
  before(async () => {
    s = await startWs({}, app);
  });
  after(() => s.close());

  it('an int64 beyond 2^53, sent as a 64-bit integer, keeps every digit there and back', async () => {
    const c = await Client.open(s.url, 'msgpack', {}, (d) => msgpack.unpack(d as Buffer));
    c.ws.send(msgpack.pack({ id: 1, method: 'n.next', params: { n: 9007199254740993n } }));
    assert.deepEqual(await c.next((f) => f.id === 1), { id: 1, status: 200, result: 9007199254740994n });
    c.ws.send(msgpack.pack({ id: 2, method: 'n.next', params: { n: 2n ** 63n - 2n } }));
    assert.deepEqual(await c.next((f) => f.id === 2), { id: 2, status: 200, result: 2n ** 63n - 1n });
    c.close();
  });

  it('small 64-bit integers are integers; out-of-range ones are the schema fault', async () => {
    const c = await Client.open(s.url, 'msgpack', {}, (d) => msgpack.unpack(d as Buffer));
    c.ws.send(msgpack.pack({ id: 1, method: 'n.double', params: { n: 7n } }));
    assert.deepEqual(await c.next((f) => f.id === 1), { id: 1, status: 200, result: 14 });
    c.ws.send(msgpack.pack({ id: 2, method: 'n.next', params: { n: 2n ** 64n - 1n } }));
    const f = await c.next((x) => x.id === 2);
    assert.equal(f.status, 400);
    assert.match(JSON.stringify(f.error), /Invalid input for field\/attribute n\. Value: '18446744073709551615'\. Value should be between/);
    c.close();
  });
});
