/** What carries a typed client's calls: one call, or one stream, by the function's dotted name. */
import type { CallOptions } from './types.ts';

export interface Transport {
  /** Calls `name` and resolves with its result, or rejects with a `SwitchboardFault`. */
  call(name: string, args: Readonly<Record<string, unknown>>, options: CallOptions): Promise<unknown>;
  /** Calls the stream `name`: its items, until it ends, fails (a `SwitchboardFault`) or is aborted. */
  stream(name: string, args: Readonly<Record<string, unknown>>, options: CallOptions): AsyncIterable<unknown>;
  /** Releases what it holds (the WebSocket). */
  close(): void;
}
