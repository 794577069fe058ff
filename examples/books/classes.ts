// The README's class example (test/readme.test.ts keeps the two identical).
import { ClientError, type Static, expose, root, t } from 'switchboard';

const Book = t.complex('Book', { isbn: t.string(), title: t.string() }, { mandatory: ['isbn'] });
type Book = Static<typeof Book>;
const books = new Map<string, Book>();

class BookController {
  @expose(Book, { args: { book: Book }, method: 'POST' })
  add({ book }: { book: Book }) {
    books.set(book.isbn, book);
    return book;
  }

  @expose(Book, { args: { isbn: t.string() } })
  get({ isbn }: { isbn: string }) {
    const b = books.get(isbn);
    if (!b) throw new ClientError('Unknown ISBN', { status: 404 });
    return b;
  }
}

export default root({ webpath: 'api', controllers: { books: new BookController() } });
