/**
 * The standard operations answered by a resource store, with no handler code: an operation
 * extending the standard library's `GetById`, `GetObjects`, `Create`, `Update` or `Delete` in
 * an entity block reads and writes that entity's table, and each write, once committed, goes to
 * the change bus, which a `<Entity>Changes` stream (GET `<collection>/changes`, SSE over REST)
 * delivers. An operation whose shape the store cannot answer (a query parameter that is no
 * attribute, say) is left to a handler.
 */
import type { TSchema } from '@sinclair/typebox';
import type { CallContext } from '../api/context.ts';
import { type FunctionDef, expose } from '../api/expose.ts';
import { sbError } from '../errors/errors.ts';
import type { BusEvent, ChangeAction, ChangeBus } from '../resources/bus.ts';
import type { Filter, Id, Row, Store } from '../resources/store.ts';
import { busFeed } from '../resources/subscription.ts';
import { t } from '../schema/types.ts';
import type { EdlHandler } from './bind.ts';
import { BODY_ARGUMENT } from './model.ts';
import type { FieldInfo, ObjectType, Operation, Program } from './program.ts';
import { Schemas } from './schemas.ts';
import { type EdlStorage, tableName } from './storage.ts';

/** Most objects a store-bound `GetObjects` answers in one page, whatever `limit` asks. */
export const MAX_PAGE = 1000;

/** The stores of a compiled file's entities, each opened once. */
export interface EdlStores {
  /**
   * The store of an entity's table (opened on first use). `T` is the row type the caller
   * expects: the entity's fields, an `int64` primary key being a safe integer there.
   */
  of<T extends Row = Row>(entity: string): Promise<Store<T>>;
  /** Opens every table a store-bound operation uses: a refused migration shows at start-up. */
  ready(): Promise<void>;
  /** Where the store-bound writes publish their changes. */
  readonly bus: ChangeBus;
}

interface Table {
  readonly entity: string;
  readonly type: ObjectType;
  readonly key: FieldInfo;
  /** The key is an `int64`: kept as a safe integer, answered as a bigint. */
  readonly wide: boolean;
  readonly schema: TSchema;
  store(): Promise<Store>;
}

/** The entity's own object type (not a view), with its primary key. */
function entityType(program: Program, entity: string): ObjectType | undefined {
  for (const o of program.types.values()) if (o.entity === entity && o.view === undefined) return o;
  return undefined;
}

/** The tables of a program's entities, opened through the storage on first use. */
export function openStores(program: Program, storage: EdlStorage): EdlStores & { table(entity: string): Table | undefined } {
  const schemas = new Schemas(program);
  const tables = new Map<string, Table>();
  const table = (entity: string): Table | undefined => {
    const known = tables.get(entity);
    if (known) return known;
    const type = entityType(program, entity);
    const key = type?.fields.find((f) => f.name === type.key);
    if (!type || !key) return undefined;
    const wide = key.type.kind === 'primitive' && key.type.name === 'int64';
    const props: Record<string, TSchema> = {};
    const mandatory: string[] = [];
    for (const f of type.fields) {
      props[f.name] = f === key && wide ? t.integer({ minimum: 1 }) : schemas.of(f.type);
      if (!f.optional) mandatory.push(f.name);
    }
    const schema = t.complex(`${type.name}Row`, props, { mandatory });
    let opened: Promise<Store> | undefined;
    const open = () => Promise.resolve(storage.open({ entity, table: tableName(entity, storage.prefix), schema, key: key.name }));
    const tb: Table = { entity, type, key, wide, schema, store: () => (opened ??= open()) };
    tables.set(entity, tb);
    return tb;
  };
  return {
    bus: storage.bus,
    table,
    of<T extends Row = Row>(entity: string): Promise<Store<T>> {
      const tb = table(entity);
      // The row type is the caller's word, as with sqlStore<T>: the store checks every row against the entity's schema.
      return tb ? (tb.store() as Promise<Store<T>>) : Promise.reject(new TypeError(`${entity} is no entity with a primary key`));
    },
    async ready() {
      const used = new Set(program.operations.filter((op) => storeRole(program, op) !== undefined).map((op) => op.entity!));
      await Promise.all([...used].map((e) => table(e)!.store()));
    },
  };
}

/** Attributes a `GetObjects` query parameter may filter on: those of a primitive or enum type. */
function filterable(type: ObjectType): Set<string> {
  return new Set(type.fields.filter((f) => f.type.kind === 'primitive' || f.type.kind === 'enum').map((f) => f.name));
}

const ROLES = new Set(['GetById', 'GetObjects', 'Create', 'Update', 'Delete']);

/** What the store answers for this operation, or undefined when it cannot (a handler must). */
export function storeRole(program: Program, op: Operation): string | undefined {
  if (!op.standard || !ROLES.has(op.standard) || !op.entity) return undefined;
  const type = entityType(program, op.entity);
  if (!type?.key) return undefined;
  const path = op.params.filter((p) => p.in === 'path');
  const query = op.params.filter((p) => p.in === 'query');
  const one = op.standard === 'GetById' || op.standard === 'Update' || op.standard === 'Delete';
  if (path.length !== (one ? 1 : 0)) return undefined;
  if ((op.standard === 'Create' || op.standard === 'Update') !== (op.requestBody !== undefined)) return undefined;
  if (op.standard === 'GetObjects') {
    const attrs = filterable(type);
    if (!query.every((p) => p.name === 'limit' || p.name === 'offset' || attrs.has(p.name))) return undefined;
  } else if (query.length > 0) return undefined;
  return op.standard;
}

/** Today's date, now's time or datetime, for a `creation` or `modification` attribute of that type. */
function now(f: FieldInfo): string | undefined {
  if (f.type.kind !== 'primitive') return undefined;
  const iso = new Date().toISOString();
  if (f.type.name === 'date') return iso.slice(0, 10);
  if (f.type.name === 'datetime') return iso;
  if (f.type.name === 'time') return iso.slice(11, 19);
  return undefined;
}

/** The data a write stores: `creation` attributes set once (kept on replace), `modification` ones every time. */
function stamped(tb: Table, body: unknown, old: Row | undefined): Row {
  const data: Row = { ...(body as Row) };
  delete data[tb.key.name];
  for (const f of tb.type.fields) {
    if (f.stamp === 'creation' && data[f.name] === undefined) {
      const v = old ? old[f.name] : now(f);
      if (v !== undefined) data[f.name] = v;
    } else if (f.stamp === 'modification') {
      const v = now(f);
      if (v !== undefined) data[f.name] = v;
    }
  }
  return data;
}

/** A key as the operation's argument holds it → the store's (undefined: no record can have it). */
function idOf(v: unknown): Id | undefined {
  if (typeof v === 'bigint') return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : undefined;
  return typeof v === 'number' || typeof v === 'string' ? v : undefined;
}

/** A stored row as the operation answers it. */
function rowOut(tb: Table, row: Row): Row {
  const k = row[tb.key.name];
  return tb.wide && typeof k === 'number' ? { ...row, [tb.key.name]: BigInt(k) } : row;
}

function notFound(tb: Table, id: unknown): Error {
  return sbError('SB_RECORD_NOT_FOUND', { resource: tb.entity, key: tb.key.name, id: String(id) });
}

function count(name: string, v: unknown, fallback: number): number {
  const n = v === undefined ? fallback : Number(v);
  if (!Number.isSafeInteger(n) || n < 0) throw sbError('SB_INVALID_INPUT', { name, value: String(v), reason: 'It must be 0 or more.' });
  return n;
}

/** The handler the store gives an operation of this role. */
function handlerOf(tb: Table, op: Operation, role: string, publish: (a: ChangeAction, row: Row) => Promise<void>): EdlHandler {
  const pathParam = op.params.find((p) => p.in === 'path')?.name ?? '';
  const located = async (args: Record<string, unknown>): Promise<{ s: Store; id: Id }> => {
    const id = idOf(args[pathParam]);
    if (id === undefined) throw notFound(tb, args[pathParam]);
    return { s: await tb.store(), id };
  };
  const filters = op.params.filter((p) => p.in === 'query' && p.name !== 'limit' && p.name !== 'offset').map((p) => p.name);
  const limitDefault = op.params.find((p) => p.name === 'limit')?.default;
  switch (role) {
    case 'GetById':
      return async (a: Record<string, unknown>) => {
        const { s, id } = await located(a);
        return rowOut(tb, await s.get(id));
      };
    case 'GetObjects':
      return async (a: Record<string, unknown>) => {
        const limit = Math.min(count('limit', a.limit, typeof limitDefault === 'number' ? limitDefault : 20), MAX_PAGE);
        const skip = count('offset', a.offset, 0);
        const where: Record<string, Filter[string]> = {};
        for (const f of filters) if (a[f] !== undefined) where[f] = a[f] as Filter[string];
        const page = await (await tb.store()).find({ where: where as Filter, limit, skip });
        return page.data.map((r) => rowOut(tb, r));
      };
    case 'Create':
      return async (a: Record<string, unknown>) => {
        const row = await (await tb.store()).create(stamped(tb, a[BODY_ARGUMENT], undefined));
        await publish('created', row);
        return rowOut(tb, row);
      };
    case 'Update':
      return async (a: Record<string, unknown>) => {
        const { s, id } = await located(a);
        const old = await s.get(id);
        const row = await s.update(id, stamped(tb, a[BODY_ARGUMENT], old));
        await publish('updated', row);
        return rowOut(tb, row);
      };
    default:
      return async (a: Record<string, unknown>) => {
        const { s, id } = await located(a);
        const row = await s.remove(id);
        await publish('deleted', row);
      };
  }
}

/** The collection path of an entity's store-bound operations: `GetObjects`' or `Create`'s, else the others' without `/{id}`. */
function collectionOf(ops: readonly Operation[]): string {
  const whole = ops.find((o) => o.standard === 'GetObjects' || o.standard === 'Create');
  if (whole) return whole.path;
  return ops[0].path.replace(/\/\{\w+\}$/, '');
}

export interface StoreBinding {
  /** Handlers by the operation's full name (`RestAPI.GetBook`). */
  readonly handlers: Readonly<Record<string, EdlHandler>>;
  /** The change streams, by interface, then function name (`BookChanges`). */
  readonly changes: ReadonlyMap<string, Readonly<Record<string, FunctionDef>>>;
  /**
   * The `Location` of what a stored `Create` answering 201 made, by the operation's full name:
   * the entity's collection path and its key (`api/book/{id}`), as REST resources answer.
   */
  readonly locations: ReadonlyMap<string, string>;
}

/** The handlers and change streams the stores give a program's standard operations. */
export function storeBinding(program: Program, stores: ReturnType<typeof openStores>): StoreBinding {
  const handlers: Record<string, EdlHandler> = {};
  const byEntity = new Map<string, Operation[]>();
  const locations = new Map<string, string>();
  const schemas = new Schemas(program);
  for (const op of program.operations) {
    const role = storeRole(program, op);
    const tb = role && op.entity ? stores.table(op.entity) : undefined;
    if (!role || !tb) continue;
    const topic = tb.entity;
    const publish = async (action: ChangeAction, row: Row) => {
      // After commit: the write stands whatever the bus does (a lost event is a gap the log fills).
      await stores.bus.publish(topic, { action, pk: row[tb.key.name] as Id, data: row }).catch(() => {});
    };
    const full = op.interface === '' ? op.name : `${op.interface}.${op.name}`;
    handlers[full] = handlerOf(tb, op, role, publish);
    if (role === 'Create' && op.success === 201) locations.set(full, `${op.path.replace(/\/+$/, '')}/{${tb.key.name}}`);
    const key = `${op.interface}\u0000${op.entity}`;
    byEntity.set(key, [...(byEntity.get(key) ?? []), op]);
  }
  const changes = new Map<string, Record<string, FunctionDef>>();
  for (const [key, ops] of byEntity) {
    const [iface, entity] = key.split('\u0000');
    const tb = stores.table(entity)!;
    const name = `${entity}Changes`;
    if (program.operations.some((o) => o.interface === iface && o.name === name)) continue;
    const full = schemas.object(tb.type.name);
    const item = t.complex(
      `${tb.type.name}Change`,
      {
        action: t.enum(['created', 'updated', 'deleted', 'resync'] as const, { name: `${tb.type.name}ChangeAction` }),
        [tb.key.name]: schemas.of(tb.key.type),
        data: full,
      },
      { mandatory: ['action'] },
    );
    const map = (e: BusEvent) => {
      if (e.action === 'resync') return { action: 'resync' as const };
      const data = rowOut(tb, e.data);
      return { action: e.action, [tb.key.name]: data[tb.key.name], data };
    };
    const g = changes.get(iface) ?? {};
    g[name] = expose(
      {
        args: { since: t.optional(t.integer({ minimum: 0, description: 'The last event id seen: what came after it is sent first.' })) },
        returns: item,
        stream: true,
        method: 'GET',
        path: `${collectionOf(ops)}/changes`,
        doc: `The changes to ${entity} objects, as they commit.`,
      },
      (args: { since?: number }, ctx: CallContext) => {
        const header = Number(ctx.request.header('last-event-id'));
        const since = args.since ?? (Number.isSafeInteger(header) && header >= 0 ? header : undefined);
        // A live source: the runtime's hub bounds the caller's queue and ends it with the call.
        return busFeed(stores.bus, tb.entity, map, { since });
      },
    );
    changes.set(iface, g);
  }
  return { handlers, changes, locations };
}
