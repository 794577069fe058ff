/**
 * The change bus: a resource publishes each change after its write commits; subscribers get
 * every change of a topic in id order, each once. Every event carries an id that increases per
 * topic. When the store keeps a change log (`change-log.ts`), the ids are the log's (given to
 * `publish`) and a subscriber's catch-up (`since`), gap filling and reconnects read the log
 * (`replay`): the bus only carries notifications. Otherwise the bus numbers events and keeps a
 * bounded log of its own. Either way a subscriber that reconnects with its last id gets what it
 * missed — or, when the log no longer reaches back that far, an explicit `resync` event first,
 * never a silent gap.
 */
import type { ChangeLog } from './change-log.ts';
import type { Id, Row } from './store.ts';

/** What happened to one record. */
export type ChangeAction = 'created' | 'updated' | 'deleted';

/** A change as a resource publishes it: the record after (created, updated) or before (deleted) the write. */
export interface Change {
  readonly action: ChangeAction;
  readonly pk: Id;
  readonly data: Row;
  /** For `updated`: the record before the write, so a filtered subscriber can tell it entered or left its filter. */
  readonly previous?: Row;
}

/** A published change, with its id in its topic. */
export interface ChangeEvent extends Change {
  readonly id: number;
  readonly topic: string;
}

/**
 * The event of a change, frozen (subscribers share it). Built field by field: a spread of the
 * change measured several times dearer on every write.
 */
export function eventOf(change: Change, id: number, topic: string): ChangeEvent {
  const { action, pk, data, previous } = change;
  return Object.freeze(previous === undefined ? { action, pk, data, id, topic } : { action, pk, data, previous, id, topic });
}

/** The change an event tells of, without its id and topic. */
export function changeOf(e: Change): Change {
  const { action, pk, data, previous } = e;
  return previous === undefined ? { action, pk, data } : { action, pk, data, previous };
}

/** Sent instead of a gap: the log no longer holds what came after `since`; `id` is the latest event's. */
export interface ResyncEvent {
  readonly action: 'resync';
  readonly id: number;
  readonly topic: string;
  readonly since: number;
}

export type BusEvent = ChangeEvent | ResyncEvent;

export type Listener = (e: BusEvent) => void;

export interface SubscribeOptions {
  /** The last event id the subscriber saw: it gets the later ones from the log first. */
  readonly since?: number;
  /** The store's change log: catch-up, gap filling and reconnects read it instead of the bus's own log. */
  readonly replay?: ChangeLog;
}

/** A live subscription. */
export interface BusSubscription {
  /** Resolves once the log replay (for `since`) is delivered and live events flow. */
  readonly ready: Promise<void>;
  /** Stops delivery. Idempotent. */
  close(): void;
}

/** The bus contract: in-process (`memoryBus`) or across processes (`redisBus`). */
export interface ChangeBus {
  /** Publishes a change (call it after the write committed); resolves with its event. With `id` (the store log's), the event carries it instead of a number of the bus's. */
  publish(topic: string, change: Change, id?: number): Promise<ChangeEvent>;
  /** Delivers the topic's events after `since` (or from now), in id order, each once. */
  subscribe(topic: string, listener: Listener, options?: SubscribeOptions): BusSubscription;
  /** Releases connections; subscriptions end. */
  close(): Promise<void>;
}

/** Events kept per topic unless told otherwise. */
export const DEFAULT_LOG_SIZE = 1000;
