/** Starts the persons demo (fresh data) on 127.0.0.1, port 0, for end-to-end tests. */
import { after, afterEach, before, beforeEach } from 'node:test';
import { personsRoot } from '../../examples/persons/app.ts';
import { type Running, type ServeOptions, serve } from '../../src/index.ts';

export async function startDemo(options: ServeOptions = {}): Promise<Running> {
  return serve(personsRoot(), { port: 0, host: '127.0.0.1', ...options });
}

/**
 * The demo for a suite, on a free port: fresh for each test (`'each'`: for tests that change
 * the stored persons) or one for all of them. `ws` is the person controller's URL.
 */
export function useDemo(scope: 'each' | 'all' = 'all'): { readonly url: string; readonly ws: string } {
  let running: Running | undefined;
  const start = async () => {
    running = await startDemo();
  };
  const stop = () => running?.close();
  if (scope === 'each') {
    beforeEach(start);
    afterEach(stop);
  } else {
    before(start);
    after(stop);
  }
  return {
    get url() {
      return running!.url;
    },
    get ws() {
      return `${running!.url}/ws/person`;
    },
  };
}
