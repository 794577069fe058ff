/**
 * A large list result written piece by piece: the items are encoded a chunk (about
 * `CHUNK_CHARS`) at a time, as the server adapter pulls — that is, as fast as the client reads
 * — so a client that stops reading holds one chunk and its socket's buffer, not the whole
 * answer encoded. A list whose encoding fits in one chunk is answered whole, as before (with a
 * `Content-Length`).
 */
import type { BodyChunk } from '../../runtime/http.ts';

/** Characters per chunk (about 64 KiB of ASCII). */
export const CHUNK_CHARS = 64 * 1024;

/** The list's JSON text whole when it is small, else its chunks (`[` … `]`) as a lazy stream. */
export function jsonList(list: readonly unknown[], item: (value: unknown) => string, chunk = CHUNK_CHARS): string | AsyncIterable<BodyChunk> {
  const first = fill(list, 0, item, chunk);
  if (first.next === list.length) return `[${first.text}]`;
  return { [Symbol.asyncIterator]: () => new ListChunks(list, item, chunk, `[${first.text}`, first.next) };
}

/** Items from `from` until `chunk` characters are reached: their text (comma-joined) and the next index. */
function fill(list: readonly unknown[], from: number, item: (value: unknown) => string, chunk: number): { text: string; next: number } {
  let text = '';
  let i = from;
  while (i < list.length && text.length < chunk) {
    // A comma before every item but the very first.
    if (i > 0) text += ',';
    text += item(list[i]);
    i++;
  }
  return { text, next: i };
}

class ListChunks implements AsyncIterator<BodyChunk> {
  private done = false;

  constructor(
    private readonly list: readonly unknown[],
    private readonly item: (value: unknown) => string,
    private readonly chunk: number,
    private pending: string | undefined,
    private at: number,
  ) {}

  async next(): Promise<IteratorResult<BodyChunk>> {
    if (this.pending !== undefined) {
      const value = this.pending;
      this.pending = undefined;
      return { done: false, value };
    }
    if (this.done) return { done: true, value: undefined };
    if (this.at >= this.list.length) {
      this.done = true;
      return { done: false, value: ']' };
    }
    const { text, next } = fill(this.list, this.at, this.item, this.chunk);
    this.at = next;
    return { done: false, value: text };
  }

  async return(): Promise<IteratorResult<BodyChunk>> {
    this.done = true;
    this.at = this.list.length;
    return { done: true, value: undefined };
  }
}
