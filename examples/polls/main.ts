/**
 * The polls API alone, for `switchboard serve examples/polls/main.ts` (with `--workers N`,
 * `DATABASE_URL` and `REDIS_URL` for several processes); `POLLS_PREFIX` names its tables and
 * bus keys (default `polls`).
 */
import { pollsApp } from './app.ts';

export default pollsApp({ prefix: process.env.POLLS_PREFIX }).api;
