/**
 * In-memory handlers of every operation of the Book and TrainingPlan API, without a store
 * (app.ts stores them through a resource store instead; these serve the CLI tests).
 * Ids are int64 (bigint), as the file declares.
 */
import { type CallContext, NotFoundError } from '../../src/index.ts';
import type { Book, BookCreate, Handlers, TrainingPlan, TrainingPlanCreate } from './books.types.ts';

class Table<T extends { id: bigint }, C> {
  private readonly rows = new Map<bigint, T>();
  private next = 1n;
  constructor(
    private readonly name: string,
    private readonly make: (id: bigint, body: C, old: T | undefined) => T,
  ) {}
  get(id: bigint): T {
    const row = this.rows.get(id);
    if (!row) throw new NotFoundError(`No ${this.name} has the id ${id}`);
    return row;
  }
  list(limit: number, offset: number, sort?: (a: T, b: T) => number): T[] {
    const all = [...this.rows.values()];
    if (sort) all.sort(sort);
    return all.slice(offset, offset + limit);
  }
  create(body: C): T {
    const row = this.make(this.next++, body, undefined);
    this.rows.set(row.id, row);
    return row;
  }
  update(id: bigint, body: C): T {
    const row = this.make(id, body, this.get(id));
    this.rows.set(id, row);
    return row;
  }
  delete(id: bigint): void {
    if (!this.rows.delete(id)) throw new NotFoundError(`No ${this.name} has the id ${id}`);
  }
}

/** Fresh handlers over empty tables. */
export function memoryHandlers() {
  const books = new Table<Book, BookCreate>('book', (id, body, old) => ({ ...body, id, added: old?.added ?? new Date().toISOString().slice(0, 10) }));
  const plans = new Table<TrainingPlan, TrainingPlanCreate>('training plan', (id, body) => ({ ...body, id }));
  return {
    GetBookById: ({ id, includeDescription }) => {
      const { description, ...rest } = books.get(id);
      return includeDescription ? { ...rest, description } : rest;
    },
    GetBook: ({ id }) => books.get(id),
    GetBooks: ({ limit, offset, sortByName }) => books.list(limit, offset, sortByName ? (a, b) => a.title.localeCompare(b.title) : undefined),
    CreateBook: ({ body }) => books.create(body),
    UpdateBook: ({ id, body }) => books.update(id, body),
    DeleteBook: ({ id }) => books.delete(id),
    GetTrainingPlan: ({ id }) => plans.get(id),
    GetTrainingPlans: ({ limit, offset }) => plans.list(limit, offset),
    CreateTrainingPlan: ({ body }) => plans.create(body),
    UpdateTrainingPlan: ({ id, body }) => plans.update(id, body),
    DeleteTrainingPlan: ({ id }) => plans.delete(id),
  } satisfies Handlers<CallContext>;
}

export default memoryHandlers;
