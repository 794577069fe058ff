/** Starts the persons demo (fresh data) on 127.0.0.1, port 0, for end-to-end tests. */
import { personsRoot } from '../../examples/persons/app.ts';
import { type Running, type ServeOptions, serve } from '../../src/index.ts';

export async function startDemo(options: ServeOptions = {}): Promise<Running> {
  return serve(personsRoot(), { port: 0, host: '127.0.0.1', ...options });
}
