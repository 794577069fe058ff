/**
 * Stream items may carry an event id, so a client that reconnects (SSE's `Last-Event-ID`) can
 * resume where the source supports it. The id rides beside the item (a weak map), so the item
 * keeps its declared type and a handler's stream stays `AsyncIterable<T>`.
 */
const ids = new WeakMap<object, string>();

/** Marks a stream item with its event id; returns the item. */
export function tagEvent<T extends object>(item: T, id: string | number): T {
  ids.set(item, String(id));
  return item;
}

/** The event id a stream item was tagged with, if any. */
export function eventIdOf(item: unknown): string | undefined {
  return typeof item === 'object' && item !== null ? ids.get(item) : undefined;
}
