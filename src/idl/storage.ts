/**
 * Where the entities of an EDL file are stored when its standard operations (`GetById`,
 * `GetObjects`, `Create`, `Update`, `Delete`) are answered with no handler code: a table per
 * entity, derived from the entity's fields, in one store of src/resources (memory, SQLite,
 * PostgreSQL), and a change bus its subscribers read.
 */
import type { TObject } from '@sinclair/typebox';
import type { ChangeBus } from '../resources/bus.ts';
import { memoryBus } from '../resources/memory-bus.ts';
import { memoryStore } from '../resources/memory.ts';
import type { Store } from '../resources/store.ts';

/** One entity's table, as the storage is asked to open it. */
export interface EdlTable {
  /** The entity (`TrainingPlan`). */
  readonly entity: string;
  /** Its table: the entity's name in snake case (`training_plan`), after the storage's prefix. */
  readonly table: string;
  /** The row schema: the entity's fields (an `int64` primary key is kept as a safe integer, counted up by the store). */
  readonly schema: TObject;
  /** The primary key's field. */
  readonly key: string;
}

/** A storage: opens an entity's store (once per compiled file), and carries the change bus. */
export interface EdlStorage {
  open(table: EdlTable): Store | Promise<Store>;
  /** Where changes go after commit; every version of a watched file shares it. */
  readonly bus: ChangeBus;
  /** Prefix of every table name (default none). */
  readonly prefix?: string;
  /** Releases connections. */
  close(): Promise<void>;
}

/** `TrainingPlan` → `training_plan`. */
export function tableName(entity: string, prefix = ''): string {
  return `${prefix}${entity
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()}`;
}

/**
 * Tables in memory: forgotten when the process ends (tests, prototypes). A table opened again
 * (the next version of a watched file) keeps its rows while its fields stay the same.
 */
export function memoryStorage(o: { bus?: ChangeBus } = {}): EdlStorage {
  const bus = o.bus ?? memoryBus();
  const open = new Map<string, { shape: string; store: Store }>();
  return {
    bus,
    open: (t) => {
      const shape = JSON.stringify([t.key, t.schema], (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
      const known = open.get(t.table);
      if (known?.shape === shape) return known.store;
      const store = memoryStore({ schema: t.schema, key: t.key, name: t.entity });
      open.set(t.table, { shape, store });
      return store;
    },
    close: () => bus.close(),
  };
}
