// docs/restjson.md: every exchange in the guide is sent to the demo and compared, in order.
import { describe, it } from 'node:test';
import { startDemo } from './helpers/demo.ts';
import { runGuide } from './helpers/docs.ts';

describe('docs/restjson.md', () => {
  it('every example runs as shown', () => runGuide('docs/restjson.md', () => startDemo()));
});
