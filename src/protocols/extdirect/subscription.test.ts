import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ClientError } from '../../errors/index.ts';
import { Subscription } from './subscription.ts';

/** A source that counts up forever, recording whether it was closed. */
function counter() {
  const state = { closed: false, pulled: 0 };
  const it: AsyncIterator<number> = {
    next: async () => ({ done: false, value: ++state.pulled }),
    return: async () => {
      state.closed = true;
      return { done: true, value: undefined };
    },
  };
  return { it, state };
}

const settle = () => new Promise((r) => setImmediate(r));

describe('Ext Direct poll subscription', () => {
  it('keeps the newest items up to max, counts the dropped, and pauses an endless source', async () => {
    const { it, state } = counter();
    const sub = new Subscription(it, { encode: String }, 3);
    await settle();
    // 3 kept, 3 dropped, then the pump waits for a poll instead of spinning.
    assert.equal(state.pulled, 6);
    assert.deepEqual(sub.drain(), { items: ['4', '5', '6'], dropped: 3, over: undefined });
    await settle();
    assert.equal(state.pulled, 12);
    sub.close();
    assert.equal(state.closed, true);
    assert.deepEqual(sub.drain().items, []);
  });

  it('an end or an error is kept for the next poll; closing after it does not call return()', async () => {
    let returned = false;
    async function* two() {
      try {
        yield 1;
        yield 2;
      } finally {
        returned = true;
      }
    }
    const ended = new Subscription(two(), { encode: String }, 10);
    await settle();
    assert.deepEqual(ended.drain(), { items: ['1', '2'], dropped: 0, over: 'end' });
    assert.equal(ended.finished, true);
    assert.equal(returned, true);
    async function* failing() {
      yield 1;
      throw new ClientError('broken');
    }
    const failed = new Subscription(failing(), { encode: String }, 10);
    await settle();
    const d = failed.drain();
    assert.deepEqual(d.items, ['1']);
    assert.ok(d.over !== 'end' && d.over?.message === 'broken' && d.over.isClient);
  });

  it('an item that cannot be encoded fails the stream', async () => {
    async function* one() {
      yield 1;
    }
    const sub = new Subscription(
      one(),
      {
        encode: () => {
          throw new TypeError('not encodable');
        },
      },
      10,
    );
    await settle();
    const d = sub.drain();
    assert.ok(d.over !== undefined && d.over !== 'end' && !d.over.isClient);
  });

  it('bounds the kept items in bytes (one always kept), dropping the oldest, and releases its count once', async () => {
    const { it, state } = counter();
    let released = 0;
    const sub = new Subscription(it, { encode: (n) => 'x'.repeat(Number(n) * 10) }, 100, { maxBytes: 25, release: () => released++ });
    await settle();
    const d = sub.drain();
    assert.ok(d.items.length >= 1 && d.items.join('').length <= 25 + d.items[0]!.length, 'bytes bounded');
    assert.equal(d.dropped, 100);
    assert.ok(state.pulled > 1);
    sub.close();
    sub.close();
    assert.equal(released, 1);
  });
});
