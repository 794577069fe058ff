/**
 * One polling client's view of a stream: the stream's items are pulled as they come and kept,
 * already encoded, until the client's next poll takes them. At most `max` are kept: past that
 * the oldest are dropped and counted, so the next poll can say how many were lost. Once `max`
 * more were dropped the pulling pauses until the next poll, so a source that produces without
 * end cannot keep the process busy (or starve it, when its items come in microtasks) for a
 * client that does not keep up.
 */
import { type SwitchboardError, toSwitchboardError } from '../../errors/index.ts';

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
  private dropped = 0;
  private over: 'end' | SwitchboardError | undefined;
  private pulling = false;
  private closed = false;

  constructor(
    private readonly source: AsyncIterator<unknown>,
    private readonly encode: (value: unknown) => string,
    private readonly max: number,
  ) {
    void this.pump();
  }

  /** Takes what came since the last poll, and lets a paused pump go on. */
  drain(): Drained {
    const out: Drained = { items: this.items, dropped: this.dropped, over: this.over };
    this.items = [];
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
    if (this.over !== undefined) return;
    try {
      Promise.resolve(this.source.return?.()).catch(() => {});
    } catch {
      // A throwing return() must not take the other clients down.
    }
  }

  private async pump(): Promise<void> {
    this.pulling = true;
    try {
      while (!this.closed && this.dropped < this.max) {
        const step = await this.source.next();
        if (this.closed) return;
        if (step.done) {
          this.over = 'end';
          return;
        }
        this.items.push(this.encode(step.value));
        if (this.items.length > this.max) {
          this.items.shift();
          this.dropped++;
        }
      }
    } catch (err) {
      if (!this.closed) this.over = toSwitchboardError(err);
    } finally {
      this.pulling = false;
    }
  }
}
