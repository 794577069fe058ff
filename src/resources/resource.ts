/**
 * `resource(name, { schema, store, … })`: Channels API's model consumer, generalised. It yields
 * an ordinary controller of `expose()` declarations — create, retrieve, update, patch, list,
 * delete, subscribe (and subscribeInstance), plus custom methods — with REST resource routes
 * (`POST /questions` 201 + `Location`, `GET|PUT|PATCH|DELETE /questions/{pk}`, `GET /questions`,
 * `GET /questions/changes`, `GET /questions/{pk}/changes`), served by every protocol like any
 * other service. Each write goes to the store (one transaction) and, once committed, to the bus.
 * When the store keeps a change log (`Store.changes`), the resource enables it for its topic:
 * the store logs each write's changes in the write's transaction, the resource publishes exactly
 * those events with their logged ids, and subscribers replay from the log; otherwise the bus
 * numbers and logs the events itself.
 */
import type { TObject, TSchema } from '@sinclair/typebox';
import type { CallContext } from '../api/context.ts';
import { type ControllerDef, controller } from '../api/controller.ts';
import type { ArgSource } from '../api/binding.ts';
import { type Args, type FunctionDef, expose } from '../api/expose.ts';
import type { CallStep, Policy } from '../api/steps.ts';
import { sbError } from '../errors/index.ts';
import { t } from '../schema/index.ts';
import { type BusEvent, type ChangeAction, type ChangeBus, changeOf } from './bus.ts';
import type { ChangeLog } from './change-log.ts';
import type { CustomMethod } from './custom-method.ts';
import { columnsOf } from './fields.ts';
import { filterReader, listArgs, orderingOf, pageOf, pageToken } from './list-query.ts';
import { memoryBus } from './memory-bus.ts';
import { type Action, type Permission, checkObject, mayTouch, permissionStep } from './permissions.ts';
import { matches } from './query.ts';
import { changeSchema, fieldSchema, nameOf, pageSchema, patchSchema } from './resource-schemas.ts';
import type { Filter, Id, Row, Store } from './store.ts';
import { busFeed } from './subscription.ts';

/** The CRUD actions a resource may offer. */
export type CrudAction = 'create' | 'retrieve' | 'update' | 'patch' | 'list' | 'delete' | 'subscribe';

const ALL: readonly CrudAction[] = ['create', 'retrieve', 'update', 'patch', 'list', 'delete', 'subscribe'];

/** A pluggable formatter (the successor of the seed's `format_response`): a record in, what the caller sees out. */
export interface Formatter {
  format(record: Row, ctx: CallContext, action: Action): Row | Promise<Row>;
}

export interface ResourceOptions {
  /** The record schema (`t.complex`): fields, key, validation, documents. */
  schema: TObject;
  /** Where records live; a promise (the SQL stores open asynchronously) is awaited on first use. */
  store: Store | Promise<Store>;
  /** The store's key field, when `store` is a promise (default `id`; a store given as it is says its own). */
  key?: string;
  /** The store's optimistic version field, when `store` is a promise (a store given as it is says its own). */
  version?: string;
  /** Where changes go after commit (default: a bus of this process). */
  bus?: ChangeBus;
  /** The bus topic (default: the resource name). */
  topic?: string;
  /** Events the store's change log keeps, when the store keeps one (default 1000). */
  changeLogSize?: number;
  /** The REST path segment (default: the name + `s`). */
  plural?: string;
  /** The field a caller names records by (`pk`): the store's key unless given (e.g. a unique `slug`). */
  lookupField?: string;
  /** The CRUD actions offered (default all; the seed's `available_methods`). */
  actions?: readonly CrudAction[];
  /** Fields one may filter on (default: every field that can be compared). */
  filterFields?: readonly string[];
  /** Fields one may order by (default: the filter fields). */
  orderingFields?: readonly string[];
  /** Rows per page when the caller names none (default 20). */
  pageSize?: number;
  /** Most rows per page whatever the caller asks (default 100). */
  maxPageSize?: number;
  /** The query hook: what this caller may see at all (a filter), e.g. `(ctx) => ({ owner: ctx.principal?.subject })`. */
  scope?: (ctx: CallContext) => Filter | undefined | Promise<Filter | undefined>;
  /** Who may do what: one permission for every action, or one per action (`default` for the rest). */
  permissions?: Permission | Partial<Record<Action | 'default', Permission>>;
  /** A formatter object, applied before `formatResponse`. */
  formatter?: Formatter;
  /** The seed's `format_response`: the record as the caller sees it. */
  formatResponse?: (record: Row, ctx: CallContext, action: Action) => Row | Promise<Row>;
  /** The schema of what callers see, when formatting changes it (default: `schema`). */
  output?: TSchema;
  /** Custom methods (`method(...)`): detail ones take `pk`, collection ones do not. */
  methods?: Record<string, CustomMethod>;
  doc?: string;
  steps?: readonly CallStep[];
  policy?: Policy;
}

function isPermission(p: unknown): p is Permission {
  return typeof p === 'object' && p !== null && ('allows' in p || 'allowsObject' in p);
}

/** Declares a resource: a controller of its actions, served at `<base>/<plural>`. */
export function resource(name: string, o: ResourceOptions): ControllerDef {
  const schema = o.schema;
  const typeName = nameOf(schema, name.charAt(0).toUpperCase() + name.slice(1));
  let store: Store | undefined;
  /** The store's change log for this topic, once enabled: where ids and replay come from. */
  let log: ChangeLog | undefined;
  let opening: Promise<Store> | undefined;
  const open = async (): Promise<Store> => {
    const s = await o.store;
    if (s.key !== keyName) throw new TypeError(`resource ${name}: its store's key is ${s.key}, not ${keyName}`);
    if (s.changes) {
      // The store hands each committed write's events over; they go out with the ids it logged.
      // Not awaited: the write stands and answers whatever the bus does.
      log = await s.changes.topic(topic, {
        size: o.changeLogSize,
        committed: (events) => {
          for (const e of events) void bus.publish(topic, changeOf(e), e.id).catch(() => {});
        },
      });
    }
    store = s;
    return s;
  };
  const storeOf = (): Promise<Store> => {
    if (store) return Promise.resolve(store);
    opening ??= open().catch((err) => {
      opening = undefined;
      throw err;
    });
    return opening;
  };
  const keyName = o.key ?? (o.store as Partial<Store>).key ?? 'id';
  const versionField = o.version ?? (o.store as Partial<Store>).version;
  const cols = columnsOf(schema, keyName, versionField);
  const lookup = o.lookupField ?? keyName;
  if (!cols.byName.has(lookup)) throw new TypeError(`resource ${name}: the lookup field ${lookup} is not a field of its schema`);
  const pkSchema = fieldSchema(schema, lookup);
  const bus = o.bus ?? memoryBus();
  const topic = o.topic ?? name;
  const plural = o.plural ?? `${name}s`;
  const filterable = o.filterFields ?? cols.list.filter((c) => c.comparable).map((c) => c.name);
  for (const f of filterable) if (!cols.byName.get(f)?.comparable) throw new TypeError(`resource ${name}: ${f} cannot be filtered on`);
  const orderable = o.orderingFields ?? filterable;
  const size = o.pageSize ?? 20;
  const max = o.maxPageSize ?? 100;
  const out = o.output ?? schema;
  const perms = o.permissions;
  const permOf = (a: Action): Permission | undefined => (isPermission(perms) ? perms : perms ? (perms[a] ?? perms.default) : undefined);
  const stepsOf = (a: Action): CallStep[] => {
    const p = permOf(a);
    return p?.allows ? [permissionStep(p, a, name)] : [];
  };

  const filterOf = filterReader(cols, filterable);
  /** Whether anything formats records: a list without a formatter answers the store's rows as they are. */
  const formats = o.formatter !== undefined || o.formatResponse !== undefined;
  const format = async (row: Row, ctx: CallContext, a: Action): Promise<Row> => {
    let r = row;
    if (o.formatter) r = await o.formatter.format(r, ctx, a);
    if (o.formatResponse) r = await o.formatResponse(r, ctx, a);
    return r;
  };
  const scopeOf = async (ctx: CallContext): Promise<Filter | undefined> => (o.scope ? await o.scope(ctx) : undefined);
  const publish = (action: ChangeAction, row: Row, previous?: Row): void => {
    // A store with a change log has published its writes already, with their logged ids.
    if (log) return;
    // After commit, and not awaited: the write stands and answers whatever the bus does. A bus
    // keeps publications in call order (Redis' outbox holds them while it is away), so a
    // subscriber sees them in commit order of this process.
    const change = previous ? { action, pk: row[keyName] as Id, data: row, previous } : { action, pk: row[keyName] as Id, data: row };
    void bus.publish(topic, change).catch(() => {});
  };
  /** The record a caller names, within its scope, that it may take `a` on. */
  const locate = async (pk: Id, ctx: CallContext, a: Action): Promise<Row> => {
    const s = store ?? (await storeOf());
    const where = o.scope ? await scopeOf(ctx) : undefined;
    let row: Row;
    if (lookup === keyName) row = await s.get(pk, { where });
    else {
      const found = (await s.find({ where: where ? { $and: [{ [lookup]: pk }, where] } : { [lookup]: pk }, limit: 1 })).data[0];
      if (!found) throw sbError('SB_RECORD_NOT_FOUND', { resource: name, key: lookup, id: String(pk) });
      row = found;
    }
    const p = permOf(a);
    if (p?.allowsObject) await checkObject(p, row, a, ctx, name);
    return row;
  };

  // With a version field: `version` (RPC; stale → 409) or `If-Match` (REST; stale → 412) make a write conditional.
  const conditional: { args: Args; in: Record<string, ArgSource> | undefined; etag: string | undefined } = versionField
    ? { args: { version: t.optional(t.integer({ minimum: 0 })), ifMatch: t.optional(t.string()) }, in: { ifMatch: { header: 'if-match' } }, etag: versionField }
    : { args: {}, in: undefined, etag: undefined };
  const ifVersion = (args: { version?: unknown; ifMatch?: unknown }): { ifVersion?: number; rpc: boolean } => {
    if (typeof args.version === 'number') return { ifVersion: args.version, rpc: true };
    if (typeof args.ifMatch !== 'string' || args.ifMatch.trim() === '*') return { rpc: false };
    const m = /^(?:W\/)?"(\d+)"$/.exec(args.ifMatch.trim());
    // An entity tag this resource never gave matches no version.
    return { ifVersion: m ? Number(m[1]) : -1, rpc: false };
  };
  /** A stale version is 412 over REST (If-Match) and 409 over the RPC protocols (`version`). */
  const stale = (err: unknown, rpc: boolean): never => {
    const e = err as { code?: string; params?: Record<string, unknown> };
    if (rpc && e.code === 'SB_PRECONDITION_FAILED')
      throw sbError('SB_CONFLICT', { target: e.params?.target, reason: `it changed since ${e.params?.condition}` });
    throw err;
  };
  const offered = new Set(o.actions ?? ALL);
  const members: Record<string, FunctionDef> = {};
  const pkArgs = { pk: pkSchema };
  const dataArg = { data: schema };

  if (offered.has('create'))
    members.create = expose(
      {
        args: dataArg,
        returns: out,
        method: 'POST',
        path: '',
        body: 'data',
        status: 201,
        location: `${plural}/{${lookup}}`,
        etag: conditional.etag,
        errors: [400, 409],
        steps: stepsOf('create'),
        doc: `Creates a ${name}.`,
      },
      async ({ data }, ctx) => {
        // An open store, no formatter: no await but the write's (each costs a turn of the microtask queue).
        const row = await (store ?? (await storeOf())).create(data as Row);
        publish('created', row);
        return formats ? format(row, ctx, 'create') : row;
      },
    );
  if (offered.has('retrieve'))
    members.retrieve = expose(
      {
        args: pkArgs,
        returns: out,
        method: 'GET',
        path: '{pk}',
        errors: [404],
        etag: conditional.etag,
        steps: stepsOf('retrieve'),
        doc: `One ${name}, by ${lookup}.`,
      },
      async ({ pk }, ctx) => {
        const row = await locate(pk as Id, ctx, 'retrieve');
        return formats ? format(row, ctx, 'retrieve') : row;
      },
    );
  const write = (a: 'update' | 'patch') => async (args: { pk: unknown; data: unknown; version?: unknown; ifMatch?: unknown }, ctx: CallContext) => {
    const row = await locate(args.pk as Id, ctx, a);
    const s = store ?? (await storeOf());
    const where = o.scope ? await scopeOf(ctx) : undefined;
    const id = row[keyName] as Id;
    const cond = ifVersion(args);
    const options = { where, ifVersion: cond.ifVersion };
    const changed = await (a === 'update' ? s.update(id, args.data as Row, options) : s.patch(id, args.data as Row, options)).catch((err) =>
      stale(err, cond.rpc),
    );
    publish('updated', changed, row);
    return formats ? format(changed, ctx, a) : changed;
  };
  if (offered.has('update'))
    members.update = expose(
      {
        args: { ...pkArgs, ...dataArg, ...conditional.args },
        in: conditional.in,
        etag: conditional.etag,
        returns: out,
        method: 'PUT',
        path: '{pk}',
        body: 'data',
        errors: [400, 404, 409],
        steps: stepsOf('update'),
        doc: `Replaces a ${name}.`,
      },
      write('update'),
    );
  if (offered.has('patch'))
    members.patch = expose(
      {
        args: { ...pkArgs, data: patchSchema(schema, typeName), ...conditional.args },
        in: conditional.in,
        etag: conditional.etag,
        returns: out,
        method: 'PATCH',
        path: '{pk}',
        body: 'data',
        errors: [400, 404, 409],
        steps: stepsOf('patch'),
        doc: `Changes some fields of a ${name}.`,
      },
      write('patch'),
    );
  if (offered.has('delete'))
    members.delete = expose(
      {
        args: { ...pkArgs, ...conditional.args },
        in: conditional.in,
        method: 'DELETE',
        path: '{pk}',
        status: 204,
        errors: [404],
        steps: stepsOf('delete'),
        doc: `Deletes a ${name}.`,
      },
      async (args, ctx) => {
        const row = await locate(args.pk as Id, ctx, 'delete');
        const cond = ifVersion(args as { version?: unknown; ifMatch?: unknown });
        const removed = await (store ?? (await storeOf()))
          .remove(row[keyName] as Id, { where: o.scope ? await scopeOf(ctx) : undefined, ifVersion: cond.ifVersion })
          .catch((err) => stale(err, cond.rpc));
        publish('deleted', removed);
      },
    );
  if (offered.has('list'))
    members.list = expose(
      {
        args: listArgs(schema, filterable),
        returns: pageSchema(out, typeName),
        method: 'GET',
        path: '',
        errors: [400],
        steps: stepsOf('list'),
        doc: `A page of ${plural}: filter by field (age__gte=18), order (ordering=-age,id), page (limit/offset or maxResults/pageToken).`,
      },
      async (args, ctx) => {
        const a = args as Record<string, unknown>;
        const page = pageOf(a, size, max);
        const filter = filterOf(a);
        // No scope, no store to open: no awaits (each costs a turn of the microtask queue).
        const scope = o.scope ? await scopeOf(ctx) : undefined;
        const where = scope ? { $and: [filter, scope] } : filter;
        const found = await (store ?? (await storeOf())).find({
          where,
          sort: orderingOf(a.ordering as string | undefined, orderable),
          limit: page.limit,
          skip: page.offset,
        });
        const rows = formats ? await Promise.all(found.data.map((r) => format(r, ctx, 'list'))) : found.data;
        if (!page.cursor) return { count: found.total, results: rows, limit: page.limit, offset: page.offset };
        const next = page.offset + found.data.length;
        return next < found.total && found.data.length > 0 ? { items: rows, nextPageToken: pageToken(next) } : { items: rows };
      },
    );
  if (offered.has('subscribe')) {
    const item = changeSchema(out, pkSchema, typeName);
    const stream = (one: boolean) => async (args: Record<string, unknown>, ctx: CallContext) => {
      const pk = args.pk as Id | undefined;
      if (one) await locate(pk as Id, ctx, 'subscribe');
      const asked = filterOf(args);
      const filter = Object.keys(asked).length === 0 ? undefined : asked;
      const scope = await scopeOf(ctx);
      const header = Number(ctx.request.header('last-event-id'));
      const since = (args.since as number | undefined) ?? (Number.isSafeInteger(header) ? header : undefined);
      /** Whether the caller's subscription covers this record (its pk, filter, scope, read permission). */
      const sees = async (data: Row): Promise<boolean> => {
        if (pk !== undefined && data[lookup] !== pk) return false;
        if ((filter && !matches(data, filter)) || (scope && !matches(data, scope))) return false;
        return mayTouch(permOf('retrieve'), data, 'subscribe', ctx);
      };
      const item = (action: ChangeAction, data: Row) => async () => ({ action, pk: data[lookup] as Id, data: await format(data, ctx, 'subscribe') });
      const map = async (e: BusEvent) => {
        if (e.action === 'resync') return { action: 'resync' as const };
        // DCRF's model observer: an update that moves a record into what the caller sees is a
        // create for it, one that moves it out a delete (with the record as the caller last saw it).
        const now = await sees(e.data);
        if (e.action !== 'updated' || e.previous === undefined) return now ? item(e.action, e.data)() : undefined;
        const before = await sees(e.previous);
        if (now) return item(before ? 'updated' : 'created', e.data)();
        return before ? item('deleted', e.previous)() : undefined;
      };
      await storeOf();
      return busFeed(bus, topic, map, { since, replay: log });
    };
    const since = t.optional(t.integer({ minimum: 0, description: 'The last event id seen: what came after it is sent first.' }));
    // The list's filters, in both spellings (`filter`, and django-filter's `age__gte=18` over REST); no paging or ordering.
    const { limit: _l, offset: _o, maxResults: _m, pageToken: _p, ordering: _s, ...filters } = listArgs(schema, filterable);
    members.subscribe = expose(
      {
        args: { pk: t.optional(pkSchema), ...filters, since },
        returns: item,
        stream: true,
        method: 'GET',
        path: 'changes',
        // Ext JS's PollingProvider gets the changes since its last poll.
        extra: { extdirect_poll: true },
        steps: stepsOf('subscribe'),
        doc: `The changes to ${plural} (all, a filter's, or one's), as they commit.`,
      },
      stream(false),
    );
    members.subscribeInstance = expose(
      {
        args: { pk: pkSchema, since },
        returns: item,
        stream: true,
        method: 'GET',
        path: '{pk}/changes',
        errors: [404],
        steps: stepsOf('subscribe'),
        doc: `The changes to one ${name}.`,
      },
      stream(true),
    );
  }
  for (const [mname, m] of Object.entries(o.methods ?? {})) {
    if (mname in members) throw new TypeError(`resource ${name}: the custom method ${mname} has the name of an action`);
    members[mname] = expose(
      {
        args: m.detail ? { pk: pkSchema, ...m.args } : m.args,
        returns: m.returns,
        method: m.method ?? 'POST',
        path: m.detail ? `{pk}/${mname}` : mname,
        steps: stepsOf(mname),
        stream: m.stream,
        doc: m.doc,
      },
      async (args, ctx) => {
        const pk = (args as { pk?: Id }).pk;
        const record = m.detail ? await locate(pk as Id, ctx, mname) : undefined;
        return m.handler(args as Record<string, unknown>, { ctx, store: await storeOf(), record, pk, publish: async (a, row) => publish(a, row) });
      },
    );
  }
  return controller(members, { path: plural, doc: o.doc ?? `The ${plural}.`, steps: o.steps, policy: o.policy });
}
