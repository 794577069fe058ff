/**
 * A stream result followed by its observers: each item taken and the end (ran out, closed by
 * the carrier, failed) are told to a `StreamWatch`, and each step of the source runs inside the
 * observers' context, so a generator's own spans nest under its call's. Only observed calls
 * whose observers ask for it pay for the wrapper; `return()` reaches the source at once.
 */
import { toSwitchboardError } from '../errors/index.ts';
import type { StreamWatch } from './observe.ts';

type Within = <T>(run: () => T) => T;

/** `source`, told to `watch` as it is read. */
export function watchedStream(source: AsyncIterable<unknown>, watch: StreamWatch | undefined, within: Within | undefined): AsyncIterable<unknown> {
  return {
    [Symbol.asyncIterator]: () => {
      const it = within ? within(() => source[Symbol.asyncIterator]()) : source[Symbol.asyncIterator]();
      return new WatchedIterator(it, watch, within);
    },
  };
}

/** The iterator a carrier reads when the stream is watched; `source` is the handler's own. */
export class WatchedIterator implements AsyncIterator<unknown> {
  private over = false;

  constructor(
    readonly source: AsyncIterator<unknown>,
    private readonly watch: StreamWatch | undefined,
    private readonly within: Within | undefined,
  ) {}

  next(): Promise<IteratorResult<unknown>> {
    const step = this.within ? this.within(() => this.source.next()) : this.source.next();
    return Promise.resolve(step).then(
      (r) => {
        if (r.done) this.end();
        else if (!this.over) this.watch?.item();
        return r;
      },
      (err: unknown) => {
        this.end(err);
        throw err;
      },
    );
  }

  return(value?: unknown): Promise<IteratorResult<unknown>> {
    this.end();
    const r = this.source.return?.(value);
    return r === undefined ? Promise.resolve({ done: true, value }) : Promise.resolve(r);
  }

  throw(err?: unknown): Promise<IteratorResult<unknown>> {
    this.end(err);
    const r = this.source.throw?.(err);
    return r === undefined ? Promise.reject(err) : Promise.resolve(r);
  }

  private end(err?: unknown): void {
    if (this.over) return;
    this.over = true;
    this.watch?.end(err === undefined ? undefined : toSwitchboardError(err));
  }
}

/** The handler's iterator below a watched one (a subscription binds to its carrier's format). */
export function underlying(it: AsyncIterator<unknown>): AsyncIterator<unknown> {
  return it instanceof WatchedIterator ? it.source : it;
}
