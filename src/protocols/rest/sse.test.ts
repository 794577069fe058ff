import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SbRequest } from '../../runtime/http.ts';
import { tagEvent } from '../../runtime/events.ts';
import { StreamBudget } from '../../runtime/stream-limits.ts';
import { Broadcast } from '../../runtime/broadcast.ts';
import { eventStream, sseEvent } from './sse.ts';

const req = (headers: Record<string, string> = {}): SbRequest => ({
  method: 'GET',
  path: '/',
  query: '',
  header: (n) => headers[n],
  remoteAddress: undefined,
  signal: new AbortController().signal,
  hasBody: false,
  body: async () => new Uint8Array(0),
});

async function* items(...xs: object[]): AsyncGenerator<object> {
  for (const x of xs) yield x;
}

/** The body's messages: chunks joined, split after each blank line (an event's `id:` and `data:` may be two chunks). */
async function collect(body: unknown, max = 10): Promise<string[]> {
  const out: string[] = [];
  const it = (body as AsyncIterable<string | Uint8Array>)[Symbol.asyncIterator]();
  let text = '';
  for (let i = 0; i < max * 2 && out.length < max; i++) {
    const step = await it.next();
    if (step.done) break;
    text += String(step.value);
    if (text.endsWith('\n\n')) {
      out.push(text);
      text = '';
    }
  }
  await it.return?.();
  return out;
}

describe('Server-Sent Events', () => {
  it('one data line per line of the encoded item', () => {
    assert.equal(sseEvent('<a>\n<b/></a>', '3'), 'id: 3\ndata: <a>\ndata: <b/></a>\n\n');
    assert.equal(sseEvent('{}', undefined, 'done'), 'event: done\ndata: {}\n\n');
  });

  it("ids: the item's own when tagged, else counted on from Last-Event-ID", async () => {
    const res = eventStream(items({ a: 1 }, tagEvent({ a: 2 }, 'x'), { a: 3 }), JSON.stringify, () => '', req({ 'last-event-id': '10' }), new StreamBudget());
    assert.deepEqual(await collect(res.body), [
      ': stream\n\n',
      'id: 11\ndata: {"a":1}\n\n',
      'id: x\ndata: {"a":2}\n\n',
      'id: 13\ndata: {"a":3}\n\n',
      'event: done\ndata: {}\n\n',
    ]);
  });

  it('a quiet source gets keep-alive comments; return() closes it at once', async () => {
    let closed = false;
    const quiet: AsyncIterable<unknown> = {
      [Symbol.asyncIterator]: () => ({
        next: () => new Promise<IteratorResult<unknown>>(() => {}),
        return: async () => {
          closed = true;
          return { done: true, value: undefined };
        },
      }),
    };
    const res = eventStream(quiet, JSON.stringify, () => '', req(), new StreamBudget(), 5);
    assert.deepEqual(await collect(res.body, 3), [': stream\n\n', ': keep-alive\n\n', ': keep-alive\n\n']);
    assert.equal(closed, true);
  });

  it("a broadcast's item is encoded once: every subscriber sends the same bytes", async () => {
    const hub = new Broadcast<{ a: number }>();
    const budget = new StreamBudget();
    let encoded = 0;
    const encode = (v: unknown) => {
      encoded++;
      return JSON.stringify(v);
    };
    const its = Array.from({ length: 5 }, () => {
      const res = eventStream(hub.subscribe(), encode, () => '', req(), budget);
      return (res.body as AsyncIterable<string | Uint8Array>)[Symbol.asyncIterator]();
    });
    for (const it of its) await it.next(); // the opening comment
    const waiting = its.map(async (it) => [await it.next(), await it.next()]);
    hub.publish({ a: 1 });
    const got = await Promise.all(waiting);
    assert.equal(encoded, 1);
    const data = got.map(([, d]) => d!.value);
    assert.ok(data.every((d) => d === data[0]));
    assert.equal(String(got[0]![0]!.value) + String(data[0]), 'id: 1\ndata: {"a":1}\n\n');
    assert.equal(budget.open, 5);
    for (const it of its) await it.return?.();
    assert.equal(budget.open, 0);
    assert.equal(hub.size, 0);
  });
});
