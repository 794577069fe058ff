// docs/stores.md: its modules typecheck, and every exchange runs against them as shown. A file of
// its own: each guide's typecheck takes tens of seconds on a loaded machine, under one file's timeout.
import { describe, it } from 'node:test';
import { api, memoryStore, resource, serve, t } from '../src/index.ts';
import { runGuide } from './helpers/docs.ts';

const Empty = t.complex('Empty', { id: t.integer() });
const start = () =>
  serve(api({ name: 'empty', controllers: { empty: resource('empty', { schema: Empty, store: memoryStore({ schema: Empty }) }) } }), {
    port: 0,
    host: '127.0.0.1',
  });

describe('docs/stores.md', () => {
  it('every example compiles and runs as shown', () => runGuide('docs/stores.md', start));
});
