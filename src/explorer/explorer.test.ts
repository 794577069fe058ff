import assert from 'node:assert/strict';
import { it } from 'node:test';
import { parseArgs } from '../cli/args.ts';
import { explorerEnabled } from './index.ts';

it('the explorer is on outside production, off in it, and the option wins', () => {
  assert.equal(explorerEnabled(undefined, undefined), true);
  assert.equal(explorerEnabled(undefined, 'development'), true);
  assert.equal(explorerEnabled(undefined, 'production'), false);
  assert.equal(explorerEnabled(true, 'production'), true);
  assert.equal(explorerEnabled(false, 'development'), false);
});

it('switchboard serve reads --explorer and --no-explorer', () => {
  assert.equal(parseArgs(['serve', 'm.ts']).explorer, undefined);
  assert.equal(parseArgs(['serve', 'm.ts', '--explorer']).explorer, true);
  assert.equal(parseArgs(['serve', 'm.ts', '--no-explorer']).explorer, false);
  assert.equal(parseArgs(['openapi', 'm.ts', '--api', 'a', '-o', 'x.yaml']).output, 'x.yaml');
  assert.throws(() => parseArgs(['serve', 'm.ts', '--api', 'a']), /unknown option --api/);
});
