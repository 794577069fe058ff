/**
 * What `npm start` serves, on one port (beside the Ferris endpoints of `examples/ferris/app`):
 * WSME's persons under `/ws`; the Channels API seed's polls under `/polls` (on SQLite at
 * `./data/polls.sqlite`, or `DATABASE_URL`; the Redis bus with `REDIS_URL`), its Channels socket
 * at `/polls/channels`; and the EDL Book and TrainingPlan API at the paths books.edl declares.
 */
import { booksApi } from './edl/app.ts';
import { personsRoot } from './persons/app.ts';
import { pollsApp } from './polls/app.ts';

export default [personsRoot(), pollsApp().api, booksApi()];
