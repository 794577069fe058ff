/**
 * One polling client's view of a stream: the stream's items are pulled as they come and kept,
 * already encoded, until the client's next poll takes them. At most `max` are kept: past that
 * the oldest are dropped and counted, so the next poll can say how many were lost. Once `max`
 * more were dropped the pulling pauses until the next poll, so a source that produces without
 * end cannot keep the process busy (or starve it, when its items come in microtasks) for a
 * client that does not keep up. Items are bounded in bytes as well (`maxBytes`, one item always
 * kept), and an item a broadcast fans out is encoded once for all its polling clients
 * (`encodeItem`): a thousand clients keep one copy of a change, not a thousand.
 */
import { type SwitchboardError, toSwitchboardError } from '../../errors/index.ts';
import { type StreamFormat, encodeItem } from '../../runtime/shared-frames.ts';

export interface SubscriptionBounds {
  /** Bytes of encoded items kept between two polls (default: no bound but `max`). */
  readonly maxBytes?: number;
  /** Called once when the subscription is closed or its stream is over (the app's stream count). */
  readonly release?: () => void;
}

/** What a poll takes from a subscription. */
export interface Drained {
  /** Encoded items (JSON text), oldest first. */
  readonly items: string[];
  /** Items dropped since the last poll because the buffer was full. */
  readonly dropped: number;
  /** Set once the stream is over: `'end'` when it ended, its error when it failed. */
  readonly over: 'end' | SwitchboardError | undefined;
}

export class Subscription {
  private items: string[] = [];
  private bytes = 0;
  private dropped = 0;
  private over: 'end' | SwitchboardError | undefined;
  private pulling = false;
  private closed = false;
  private readonly format: StreamFormat;

  constructor(
    private readonly source: AsyncIterator<unknown>,
    /** The items' encoding: a format object (shared frames are cached by it), or a plain encoder. */
    format: StreamFormat | ((value: unknown) => string),
    private readonly max: number,
    private readonly bounds: SubscriptionBounds = {},
  ) {
    this.format = typeof format === 'function' ? { encode: format } : format;
    void this.pump();
  }

  /** Takes what came since the last poll, and lets a paused pump go on. */
  drain(): Drained {
    const out: Drained = { items: this.items, dropped: this.dropped, over: this.over };
    this.items = [];
    this.bytes = 0;
    this.dropped = 0;
    if (!this.pulling && this.over === undefined && !this.closed) void this.pump();
    return out;
  }

  /** True once the stream ended or failed (its last items may still wait for a poll). */
  get finished(): boolean {
    return this.over !== undefined;
  }

  /** Closes the source (`return()`), once; whatever is buffered is forgotten. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.items = [];
    this.bytes = 0;
    this.bounds.release?.();
    if (this.over !== undefined) return;
    try {
      Promise.resolve(this.source.return?.()).catch(() => {});
    } catch {
      // A throwing return() must not take the other clients down.
    }
  }

  /** The stream is over: it no longer counts as open, though its last items wait for a poll. */
  private finish(over: 'end' | SwitchboardError): void {
    this.over = over;
    this.bounds.release?.();
  }

  private async pump(): Promise<void> {
    this.pulling = true;
    try {
      while (!this.closed && this.dropped < this.max) {
        const step = await this.source.next();
        if (this.closed) return;
        if (step.done) {
          this.finish('end');
          return;
        }
        const text = encodeItem(step.value, this.format) as string;
        this.items.push(text);
        this.bytes += text.length;
        const maxBytes = this.bounds.maxBytes ?? Number.POSITIVE_INFINITY;
        while (this.items.length > this.max || (this.items.length > 1 && this.bytes > maxBytes)) {
          this.bytes -= this.items.shift()!.length;
          this.dropped++;
        }
      }
    } catch (err) {
      if (!this.closed) this.finish(toSwitchboardError(err));
    } finally {
      this.pulling = false;
    }
  }
}
