/**
 * Resources without optional dependencies: `resource()`, the store and bus contracts, the
 * memory store and bus, permissions. The SQL stores (`sqlite.ts`, `postgres.ts`, needing
 * better-sqlite3 / pg and kysely) and the Redis bus (`redis-bus.ts`, needing ioredis) are
 * imported on their own, so an app that does not use them does not load them.
 */
export { resource, type ResourceOptions, type CrudAction, type Formatter } from './resource.ts';
export { method, type CustomMethod, type MethodContext, type MethodOptions } from './custom-method.ts';
export type { Store, Row, Id, Filter, Condition, Operators, Scalar, SortKey, FindQuery, Page, WriteOptions } from './store.ts';
export { memoryStore, type MemoryStoreOptions } from './memory.ts';
export { memoryBus, type MemoryBusOptions } from './memory-bus.ts';
export type { ChangeBus, Change, ChangeAction, ChangeEvent, ResyncEvent, BusEvent, BusSubscription, Listener, SubscribeOptions } from './bus.ts';
export { busFeed, type FeedOptions } from './subscription.ts';
export {
  allowAny,
  isAuthenticated,
  isAuthenticatedOrReadOnly,
  isOwner,
  allOf,
  anyOf,
  not,
  type Permission,
  type Action,
} from './permissions.ts';
