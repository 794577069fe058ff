/** The Book and TrainingPlan API, declared in books.edl and served with in-memory handlers. */
import { edlApi } from '../../src/index.ts';
import { memoryHandlers } from './store.ts';

/** A fresh API over empty tables. */
export function booksApi() {
  return edlApi({ files: [new URL('./books.edl', import.meta.url).pathname], name: 'library', handlers: memoryHandlers() });
}

export default booksApi();
