// `npm run bench [filter]`: runs every bench/*.bench.ts (or those whose name contains a filter).
import { readdirSync } from 'node:fs';

const filters = process.argv.slice(2);
const dir = new URL('./', import.meta.url);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts') || f.endsWith('.bench.js'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
console.log(`Switchboard benchmarks — node ${process.version}, ${new Date().toISOString()}`);
for (const f of files) {
  const mod = (await import(new URL(f, dir).href)) as { default: () => Promise<void> };
  await mod.default();
}
