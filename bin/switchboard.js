#!/usr/bin/env node
// Runs the CLI. In a source checkout (src/ beside bin/) it runs the TypeScript through tsx, so
// the CLI and a served module that imports the sources share one copy of the framework and no
// stale build is used; an installed package has only dist/ and runs the built JavaScript.
import { existsSync } from 'node:fs';

const source = new URL('../src/cli/main.ts', import.meta.url);
let main;
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import(source.href));
} else {
  ({ main } = await import(new URL('../dist/cli/main.js', import.meta.url).href));
}
// Exit once main is done: timers or pools a served module still holds must not keep a
// stopped server's process alive.
process.exit(await main(process.argv.slice(2)));
