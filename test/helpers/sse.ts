/** Reads Server-Sent Events from a fetch response, event by event (every wait bounded by the test's timeout). */
export interface SseEvent {
  readonly id: string | undefined;
  readonly event: string | undefined;
  readonly data: string;
}

export class SseReader {
  private buffer = '';
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder = new TextDecoder();

  constructor(res: Response) {
    this.reader = res.body!.getReader();
  }

  /** The next event (comments skipped), or undefined when the stream ended. */
  async next(): Promise<SseEvent | undefined> {
    for (;;) {
      const end = this.buffer.indexOf('\n\n');
      if (end !== -1) {
        const block = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 2);
        const lines = block.split('\n').filter((l) => !l.startsWith(':'));
        if (lines.length === 0) continue;
        const field = (name: string) => lines.filter((l) => l.startsWith(`${name}: `)).map((l) => l.slice(name.length + 2));
        return { id: field('id')[0], event: field('event')[0], data: field('data').join('\n') };
      }
      const { done, value } = await this.reader.read();
      if (done) return undefined;
      this.buffer += this.decoder.decode(value, { stream: true });
    }
  }

  /** The next `n` events' data, parsed as JSON, with their ids. */
  async take(n: number): Promise<{ id: string | undefined; data: unknown }[]> {
    const out = [];
    for (let i = 0; i < n; i++) {
      const e = await this.next();
      if (!e) throw new Error(`the stream ended after ${i} of ${n} events`);
      out.push({ id: e.id, data: JSON.parse(e.data) });
    }
    return out;
  }

  cancel(): Promise<void> {
    return this.reader.cancel();
  }
}
