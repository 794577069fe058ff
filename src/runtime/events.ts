/** Stream items' event ids: declared in api/ so that what builds models (resources/) can tag them too. */
export { tagEvent, eventIdOf } from '../api/events.ts';
