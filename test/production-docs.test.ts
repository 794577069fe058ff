// docs/production.md: its modules typecheck, and every exchange runs against them as shown.
import { describe, it } from 'node:test';
import { startDemo } from './helpers/demo.ts';
import { runGuide } from './helpers/docs.ts';

describe('docs/production.md', () => {
  it('every example compiles and runs as shown', () => runGuide('docs/production.md', () => startDemo()));
});
