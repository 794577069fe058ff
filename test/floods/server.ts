/**
 * The server of the flood tests, in its own process so its resident memory is its own: the
 * persons demo (optionally filled with `FLOOD_FILL` persons of 2,000-character last names) on
 * node:http with the WebSocket attached. It prints its URL, samples `process.memoryUsage().rss`
 * every 20 ms, and answers `{ type: 'rss' }` messages with the peak since the last `reset`.
 */
import { personController, seedPersons } from '../../examples/persons/person.ts';
import { root, serve } from '../../src/index.ts';
import { attachWebsocket } from '../../src/servers/ws/index.ts';

const persons = seedPersons();
const fill = Number(process.env.FLOOD_FILL ?? 0);
for (let id = 3; id < 3 + fill; id++) persons.set(id, { id, lastname: 'x'.repeat(2000), firstname: 'F', age: 1, hobbies: [] });
const running = await serve(root({ webpath: 'ws', name: 'persons', controllers: { person: personController(persons) } }), {
  port: 0,
  host: '127.0.0.1',
});
attachWebsocket(running);

let peak = process.memoryUsage().rss;
setInterval(() => {
  const rss = process.memoryUsage().rss;
  if (rss > peak) peak = rss;
}, 20);

process.on('message', (m: { type: string }) => {
  const rss = process.memoryUsage().rss;
  if (rss > peak) peak = rss;
  if (m.type === 'rss') process.send?.({ type: 'rss', peak, now: rss, streams: running.app.streams.open, queued: running.app.streams.queued });
  if (m.type === 'reset') peak = rss;
});
process.on('disconnect', () => process.exit(0));
process.send?.({ type: 'url', url: running.url });
