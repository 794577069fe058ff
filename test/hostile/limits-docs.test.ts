// docs/limits.md: its module typechecks, and every exchange runs against the demo as shown.
import { describe, it } from 'node:test';
import { startDemo } from '../helpers/demo.ts';
import { runGuide } from '../helpers/docs.ts';

describe('docs/limits.md', () => {
  it('every example compiles and runs as shown', () => runGuide('docs/limits.md', () => startDemo()));
});
