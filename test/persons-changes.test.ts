// The demo's change bus: history kept for Last-Event-ID resumption (the last 100 changes).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ChangeBus } from '../examples/persons/changes.ts';
import { eventIdOf } from '../src/index.ts';

/** The changes a watcher gets at once (replayed), by their event ids. */
async function replayed(bus: ChangeBus<{ n: number }>, since?: number): Promise<string[]> {
  const it = bus.watch(since)[Symbol.asyncIterator]();
  const ids: string[] = [];
  for (;;) {
    const step = await Promise.race([it.next(), new Promise<'idle'>((r) => setImmediate(() => r('idle')))]);
    if (step === 'idle' || step.done) break;
    assert.equal(step.value.n, Number(eventIdOf(step.value)));
    ids.push(eventIdOf(step.value)!);
  }
  await it.return?.();
  return ids;
}

describe('persons demo: change history', () => {
  it('replays what came after `since`, at most the last 100, in order', async () => {
    const bus = new ChangeBus<{ n: number }>();
    for (let n = 1; n <= 150; n++) bus.publish({ n });
    assert.deepEqual(await replayed(bus, 140), ['141', '142', '143', '144', '145', '146', '147', '148', '149', '150']);
    const old = await replayed(bus, 10);
    assert.equal(old.length, 100);
    assert.equal(old[0], '51');
    assert.equal(old.at(-1), '150');
    assert.deepEqual(await replayed(bus, 150), []);
    assert.deepEqual(await replayed(bus, 999), []);
    assert.deepEqual(await replayed(bus), []);
  });

  it('replays from the first change when fewer than 100 were made', async () => {
    const bus = new ChangeBus<{ n: number }>();
    for (let n = 1; n <= 3; n++) bus.publish({ n });
    assert.deepEqual(await replayed(bus, 0), ['1', '2', '3']);
    assert.deepEqual(await replayed(bus, -5), ['1', '2', '3']);
  });
});
