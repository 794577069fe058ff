/**
 * Encoded once, shared by all: a stream item a `Broadcast` fans out to many subscribers is
 * encoded once per wire format (an SSE `data:` block, a WebSocket event's data, an Ext Direct
 * event) and every subscriber of that format sends the same string or bytes. The frames hang
 * off the item while some subscriber's queue holds it and are dropped when the last one moves
 * on, so an item kept elsewhere (a change log) does not keep its frames.
 */
import type { StreamBudget } from './stream-limits.ts';

/** One carrier's encoding of a stream item. Keep one object per (function, wire format): it is the cache key. */
export interface StreamFormat {
  encode(item: unknown): string | Uint8Array;
}

interface Made {
  readonly data: string | Uint8Array;
  readonly size: number;
  readonly budget: StreamBudget | undefined;
}

/** An item in flight to subscribers: how many queues hold it, and its frames meanwhile. */
export class SharedItem {
  private refs = 0;
  private frames: Map<StreamFormat, Made> | undefined;
  /** The largest frame made so far, in bytes: what sending it to one subscriber costs. */
  largest = 0;

  constructor(readonly item: unknown) {
    if (typeof item === 'object' && item !== null) shared.set(item, this);
  }

  /** The item in `format`, encoded on first use; its size is counted against `budget` while held. */
  frame(format: StreamFormat, budget?: StreamBudget): Made {
    let made = this.frames?.get(format);
    if (made) return made;
    const data = format.encode(this.item);
    made = { data, size: typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength, budget };
    if (made.size > this.largest) this.largest = made.size;
    // Nobody holds it (a late reader, say): encode, but keep nothing.
    if (this.refs === 0) return made;
    this.frames ??= new Map();
    this.frames.set(format, made);
    if (budget) budget.queued += made.size;
    return made;
  }

  retain(): void {
    this.refs++;
  }

  /** One holder let go; the last drops the frames. */
  release(): void {
    if (--this.refs > 0) return;
    const frames = this.frames;
    if (!frames) return;
    this.frames = undefined;
    for (const made of frames.values()) if (made.budget) made.budget.queued -= made.size;
  }
}

const shared = new WeakMap<object, SharedItem>();

/**
 * A stream item in a carrier's format: the shared frame when a broadcast is fanning the item
 * out, else encoded here (a handler's own generator: one reader, nothing to share).
 */
export function encodeItem(item: unknown, format: StreamFormat): string | Uint8Array {
  const s = typeof item === 'object' && item !== null ? shared.get(item) : undefined;
  return s ? s.frame(format).data : format.encode(item);
}
