/**
 * What `npm start` serves, on one port: WSME's persons under `/ws`, and the Channels API
 * seed's polls under `/polls` (on SQLite at `./data/polls.sqlite`, or `DATABASE_URL`; the
 * Redis bus with `REDIS_URL`), its Channels socket at `/polls/channels`.
 */
import { personsRoot } from './persons/app.ts';
import { pollsApp } from './polls/app.ts';

export default [personsRoot(), pollsApp().api];
