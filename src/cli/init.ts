/** `switchboard init [dir]`: writes a new project from `scaffold.ts`, never over an existing one. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { scaffold } from './scaffold.ts';

/** Writes the project into `dir`; 0 on success, 1 when `dir` already holds a project. */
export function init(dir: string): number {
  const root = resolve(dir);
  if (existsSync(join(root, 'package.json'))) {
    process.stderr.write(`switchboard: ${root} already has a package.json; init writes a new project into an empty folder\n`);
    return 1;
  }
  const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  const files = scaffold(basename(root), version);
  for (const [path, text] of Object.entries(files)) {
    const file = join(root, path);
    if (existsSync(file)) {
      process.stderr.write(`switchboard: ${file} already exists; not overwritten\n`);
      continue;
    }
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  process.stdout.write(
    `Created a Switchboard project in ${root}:\n${Object.keys(files)
      .map((f) => `  ${f}\n`)
      .join('')}\nNext: cd ${dir} && npm install && npm test && npm run dev\n`,
  );
  return 0;
}
