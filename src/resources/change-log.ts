/**
 * The store's change log: where a resource's event ids and replay come from when its store
 * keeps one. Each write records its changes in the same transaction as the write itself, under
 * ids that are contiguous per topic (1, 2, 3…), so a subscriber can tell a gap from a quiet
 * topic, and a write that rolls back leaves no trace. The log is bounded: it keeps the last
 * `size` events; a subscriber asking from before its start gets a `resync`.
 */
import type { ChangeEvent } from './bus.ts';

/** What `read` found: the events, and where the log stands. */
export interface LogSlice {
  /** Events with id > `after`, oldest first. */
  readonly events: readonly ChangeEvent[];
  /** The oldest id the log still holds (`head + 1` when it holds none): `after + 1 < start` means a gap only a resync can cover. */
  readonly start: number;
  /** The newest id given so far (0 when none). */
  readonly head: number;
}

/** Reads a topic's change log (what a bus replays from). */
export interface ChangeLog {
  /** The events of `topic` with id > `after`, oldest first, at most `limit`. */
  read(topic: string, after: number, limit: number): Promise<LogSlice>;
  /** The newest id of `topic` (0 when none). */
  head(topic: string): Promise<number>;
}

/** Told of each committed write's events, in id order, right after commit. */
export type CommitListener = (events: readonly ChangeEvent[]) => void;

export interface LogTopicOptions {
  /** Events kept (default 1000). */
  readonly size?: number;
  /** Called after each committed write with the events it logged. */
  readonly committed?: CommitListener;
}

/**
 * A store's optional change log (`Store.changes`). A store logs one topic: `topic` enables it
 * (creating what it needs, e.g. tables) and returns the reader; asking again for the same topic
 * adds a listener, for another topic is a `TypeError`.
 */
export interface StoreChanges {
  topic(name: string, options?: LogTopicOptions): Promise<ChangeLog>;
}

/** Events kept per topic unless told otherwise. */
export const DEFAULT_CHANGE_LOG_SIZE = 1000;

/** Events read per round when a bus catches up from a log. */
export const REPLAY_BATCH = 500;
