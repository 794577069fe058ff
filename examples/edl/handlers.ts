/**
 * The two operations of books.edl the store cannot answer alone: the seed's GetBookById (not
 * a standard operation) and GetBooks (its sortByName is no attribute). Both read the Book
 * table the store keeps; the other nine operations are the store's. In the store an `int64`
 * key is a safe integer: these handlers give it back as the bigint the file declares.
 */
import type { CallContext, EdlStores } from '../../src/index.ts';
import type { Book, Handlers } from './books.types.ts';

type BookRow = Omit<Book, 'id'> & { id: number };

const asBook = (r: BookRow): Book => ({ ...r, id: BigInt(r.id) });

/** The handlers, over the stores `serve --store` (or `booksApi`) opened. */
export default function storeHandlers(stores: EdlStores | undefined) {
  if (!stores) throw new Error('examples/edl/handlers.ts reads the stores: serve books.edl with --store');
  const books = () => stores.of<BookRow>('Book');
  return {
    GetBookById: async ({ id, includeDescription }) => {
      const { description, ...rest } = asBook(await (await books()).get(Number(id)));
      return includeDescription ? { ...rest, description } : rest;
    },
    GetBooks: async ({ limit, offset, sortByName }) => {
      const page = await (await books()).find({ sort: sortByName ? [{ field: 'title' }] : [], limit, skip: offset });
      return page.data.map(asBook);
    },
  } satisfies Partial<Handlers<CallContext>>;
}
