/**
 * Opens a handler's live source (`api/live.ts`) into the broadcast hub: the caller's stream is
 * a hub `Subscription`, so carriers bind it (`bindStream`) and its queue is bounded like every
 * broadcast's — a caller too slow to read is cut with `SB_STREAM_TOO_SLOW`. The hub is the
 * caller's own (a live source's items are made for one caller: its scope, its permissions) and
 * keeps no history: resuming is the source's business (a change bus's log).
 */
import type { LiveHandle, LiveSource } from '../api/live.ts';
import { Broadcast, type Subscription } from './broadcast.ts';
import { tagEvent } from './events.ts';

/** A hub of one subscriber, which stops the source when that subscriber ends (read out, cut, returned). */
class OneCaller<T extends object> extends Broadcast<T> {
  handle: LiveHandle | undefined;
  override drop(sub: Subscription<T>): void {
    super.drop(sub);
    this.handle?.close();
  }
}

/** The caller's stream of a live source, once the source is ready. */
export async function openLive(source: LiveSource<unknown>, maxQueueItems?: number): Promise<Subscription<object>> {
  const hub = new OneCaller<object>({ history: 0, maxQueueItems });
  const sub = hub.subscribe();
  const handle = source.open({
    push(item, id) {
      if (typeof item !== 'object' || item === null) throw new TypeError('a live source pushes objects (they carry their event ids)');
      if (sub.ended) return;
      hub.publish(item);
      // The hub numbers items itself; the source's id is what the carrier sends, and the
      // fan-out that reads it runs later (setImmediate).
      if (id !== undefined) tagEvent(item, id);
    },
  });
  hub.handle = handle;
  if (sub.ended) handle.close();
  try {
    await handle.ready;
  } catch (err) {
    void sub.return();
    throw err;
  }
  return sub;
}
