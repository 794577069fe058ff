// docs/resources.md and docs/live.md: their modules typecheck, and every exchange runs against them as shown (docs/stores.md: resources-stores-docs.test.ts).
import { describe, it } from 'node:test';
import { api, memoryStore, resource, serve, t } from '../src/index.ts';
import { runGuide } from './helpers/docs.ts';

const Empty = t.complex('Empty', { id: t.integer() });
const start = () =>
  serve(api({ name: 'empty', controllers: { empty: resource('empty', { schema: Empty, store: memoryStore({ schema: Empty }) }) } }), {
    port: 0,
    host: '127.0.0.1',
  });

describe('docs/resources.md', () => {
  it('every example compiles and runs as shown', () => runGuide('docs/resources.md', start));
});

describe('docs/live.md', () => {
  it('its module compiles and serves', () => runGuide('docs/live.md', start));
});
