/**
 * The server-wide bounds on streams (`AppOptions.streams`): how many may be open at once, how
 * many bytes may wait for slow subscribers in all, and how far one subscriber may fall behind.
 * One `StreamBudget` per app counts them; every streaming carrier (SSE, the WebSocket, Ext
 * Direct polling) admits its streams through it, so a flood is refused with a 429 in the
 * caller's protocol instead of filling the heap. See `docs/limits.md`.
 */
import { type SwitchboardError, sbError } from '../errors/index.ts';

export interface StreamLimits {
  /** Streams open at once, over every protocol; one more is refused (`SB_TOO_MANY_STREAMS`). Default 20 000. */
  readonly maxStreams?: number;
  /**
   * Bytes of encoded items waiting for slow subscribers, counted once per item and wire format
   * (shared items are shared). At the limit new streams are refused (`SB_STREAM_BUFFERS_FULL`)
   * and a subscriber that is behind is ended. Default 256 MiB.
   */
  readonly maxQueuedBytes?: number;
  /** Bytes one subscriber may have waiting (one item always fits); past it, it is ended (`SB_STREAM_TOO_SLOW`). Default 4 MiB. */
  readonly maxQueueBytes?: number;
  /** Items one subscriber may have waiting; past it, it is ended (`SB_STREAM_TOO_SLOW`). Default 1000. */
  readonly maxQueueItems?: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_STREAM_LIMITS: Required<StreamLimits> = Object.freeze({
  maxStreams: 20_000,
  maxQueuedBytes: 256 * MiB,
  maxQueueBytes: 4 * MiB,
  maxQueueItems: 1000,
});

/** One app's count of open streams and of the bytes queued for them. */
export class StreamBudget {
  readonly limits: Required<StreamLimits>;
  /** Streams open now. */
  open = 0;
  /** Bytes of encoded items queued for subscribers now. */
  queued = 0;

  constructor(limits: StreamLimits = {}) {
    this.limits = { ...DEFAULT_STREAM_LIMITS, ...definedOnly(limits) };
  }

  /** True while the queued bytes are at their limit. */
  get full(): boolean {
    return this.queued >= this.limits.maxQueuedBytes;
  }

  /** Why one more stream may not open now, or undefined. */
  refusal(): SwitchboardError | undefined {
    if (this.open >= this.limits.maxStreams) return sbError('SB_TOO_MANY_STREAMS', { limit: this.limits.maxStreams });
    if (this.full) return sbError('SB_STREAM_BUFFERS_FULL', { limit: this.limits.maxQueuedBytes });
    return undefined;
  }

  /** Counts one stream open; the returned function (idempotent) counts it closed. Throws the refusal. */
  admit(): () => void {
    const refused = this.refusal();
    if (refused) throw refused;
    this.open++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.open--;
    };
  }
}

function definedOnly(limits: StreamLimits): StreamLimits {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(limits)) {
    if (v === undefined) continue;
    if (typeof v !== 'number' || !(v > 0)) throw new RangeError(`streams.${k} must be a positive number, not ${String(v)}`);
    out[k] = v;
  }
  return out;
}
