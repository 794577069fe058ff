// `npm run test:floods`: the flood tests of test/floods/ (heavy; not part of `npm test`).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const files = readdirSync('test/floods')
  .filter((f) => f.endsWith('.flood.ts'))
  .map((f) => `test/floods/${f}`);
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-timeout=600000', ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
