/**
 * A stream result over HTTP as Server-Sent Events, for clients that ask for `text/event-stream`:
 * one `id:`/`data:` event per item (the data in the REST format's encoding), then `event: done`;
 * a failure mid-stream is an `event: error` carrying the format's fault document. The `id:` is
 * the item's own event id when the source tagged it (`tagEvent`), else its number in the stream,
 * counted on from the `Last-Event-ID` the client sent back. While the source is quiet, a
 * comment goes out every `keepAliveMs`, so proxies keep the connection and a client that went
 * away is noticed (the write fails) and its source closed.
 */
import { type SwitchboardError, toSwitchboardError } from '../../errors/index.ts';
import { bindStream } from '../../runtime/broadcast.ts';
import { eventIdOf } from '../../runtime/events.ts';
import type { BodyChunk, SbRequest, SbResponse } from '../../runtime/http.ts';
import { type StreamFormat, encodeItem } from '../../runtime/shared-frames.ts';
import type { StreamBudget } from '../../runtime/stream-limits.ts';

export const EVENT_STREAM = 'text/event-stream';
/** Default quiet time before a keep-alive comment. */
export const KEEP_ALIVE_MS = 15_000;

const formats = new WeakMap<(value: unknown) => string, StreamFormat>();

/**
 * The SSE format of a result encoder: an item's `data:` lines as bytes, made once per item and
 * shared by every subscriber of a broadcast (the `id:` line, which may differ, goes before it).
 */
export function sseFormat(encode: (value: unknown) => string): StreamFormat {
  let f = formats.get(encode);
  if (!f) {
    f = { encode: (item) => Buffer.from(sseEvent(encode(item))) };
    formats.set(encode, f);
  }
  return f;
}

/**
 * The SSE response of a stream result, admitted by `budget` (it throws the 429 refusal) and
 * counted open until the stream ends or the client goes away.
 */
export function eventStream(
  stream: AsyncIterable<unknown>,
  encode: (value: unknown) => string,
  fault: (err: SwitchboardError) => string,
  req: SbRequest,
  budget: StreamBudget,
  keepAliveMs = KEEP_ALIVE_MS,
): SbResponse {
  const last = Number(req.header('last-event-id'));
  const release = budget.admit();
  const format = sseFormat(encode);
  return {
    status: 200,
    headers: { 'content-type': `${EVENT_STREAM}; charset=utf-8`, 'cache-control': 'no-cache', 'x-accel-buffering': 'no' },
    body: {
      [Symbol.asyncIterator]: () => {
        const source = stream[Symbol.asyncIterator]();
        bindStream(source, format, budget);
        return new SseIterator(source, format, fault, Number.isSafeInteger(last) ? last : 0, keepAliveMs, release);
      },
    },
  };
}

/** One SSE event; every line of the data gets its own `data:` field. */
export function sseEvent(data: string, id?: string, event?: string): string {
  let out = event === undefined ? '' : `event: ${event}\n`;
  if (id !== undefined) out += `id: ${id}\n`;
  return `${out}data: ${data.replace(/\r\n|\r|\n/g, '\ndata: ')}\n\n`;
}

/**
 * Hand-written rather than an async generator: `return()` (the client went away) must reach
 * the source at once, even while it waits for its next item.
 */
class SseIterator implements AsyncIterator<BodyChunk> {
  private state: 'start' | 'items' | 'over' = 'start';
  /** The source's next item, kept across keep-alive comments. */
  private pending: Promise<IteratorResult<unknown>> | undefined;
  /** An event's shared `data:` block, sent right after its own `id:` line. */
  private data: BodyChunk | undefined;

  constructor(
    private readonly source: AsyncIterator<unknown>,
    private readonly format: StreamFormat,
    private readonly fault: (err: SwitchboardError) => string,
    private n: number,
    private readonly keepAliveMs: number,
    private readonly release: () => void,
  ) {}

  async next(): Promise<IteratorResult<BodyChunk>> {
    const data = this.data;
    if (data !== undefined) {
      this.data = undefined;
      return { done: false, value: data };
    }
    if (this.state === 'over') return { done: true, value: undefined };
    if (this.state === 'start') {
      this.state = 'items';
      // A comment first, so the client sees the stream open before the first item.
      return { done: false, value: ': stream\n\n' };
    }
    try {
      this.pending ??= this.source.next();
      const step = await this.quietOr(this.pending);
      if (this.closed()) return { done: true, value: undefined };
      if (step === undefined) return { done: false, value: ': keep-alive\n\n' };
      this.pending = undefined;
      if (step.done) {
        this.over();
        return { done: false, value: sseEvent('{}', undefined, 'done') };
      }
      this.n++;
      this.data = encodeItem(step.value, this.format);
      return { done: false, value: `id: ${eventIdOf(step.value) ?? String(this.n)}\n` };
    } catch (err) {
      this.close();
      return { done: false, value: sseEvent(this.fault(toSwitchboardError(err)), undefined, 'error') };
    }
  }

  async return(): Promise<IteratorResult<BodyChunk>> {
    this.close();
    return { done: true, value: undefined };
  }

  /** The item, or undefined when none came within `keepAliveMs`. */
  private quietOr(next: Promise<IteratorResult<unknown>>): Promise<IteratorResult<unknown> | undefined> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => resolve(undefined), this.keepAliveMs);
      next.then(
        (step) => {
          clearTimeout(timer);
          resolve(step);
        },
        (err) => {
          clearTimeout(timer);
          reject(err);
        },
      );
    });
  }

  /** A method, not a field test: `return()` may have closed the stream during an await. */
  private closed(): boolean {
    return this.state === 'over';
  }

  private close(): void {
    if (this.state === 'over') return;
    this.over();
    Promise.resolve(this.source.return?.()).catch(() => {});
  }

  private over(): void {
    this.state = 'over';
    this.release();
  }
}
