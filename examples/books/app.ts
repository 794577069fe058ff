// The README's five-minute example (test/readme.test.ts keeps the two identical).
import { ClientError, controller, expose, root, t } from 'switchboard';

const Book = t.complex('Book', {
  isbn: t.string({ pattern: '[0-9-]{10,17}' }),
  title: t.string(),
  price: t.decimal(), // a string on the wire: no precision lost
  published: t.date(), // YYYY-MM-DD
  tags: t.array(t.string()),
});

const books = new Map<string, typeof Book.static>();

export default root({
  webpath: 'api',
  controllers: {
    books: controller({
      add: expose({ args: { book: Book }, returns: Book }, ({ book }) => {
        if (book.isbn === undefined) throw new ClientError('isbn is missing');
        books.set(book.isbn, book);
        return book;
      }),
      get: expose({ args: { isbn: t.string() }, returns: Book }, ({ isbn }) => {
        const b = books.get(isbn);
        if (!b) throw new ClientError('Unknown ISBN', { status: 404 });
        return b;
      }),
      list: expose({ args: { tag: t.optional(t.string()) }, returns: t.array(Book), method: 'GET' }, ({ tag }) =>
        [...books.values()].filter((b) => tag === undefined || b.tags?.includes(tag)),
      ),
    }),
  },
});
