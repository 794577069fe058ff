/** What `npm start` serves, on one port: the persons demo under /ws, and the EDL Book and TrainingPlan API at the paths books.edl declares. */
import { booksApi } from './edl/app.ts';
import { personsRoot } from './persons/app.ts';

export default [personsRoot(), booksApi()];
