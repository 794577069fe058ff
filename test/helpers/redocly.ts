/** `redocly lint` (the installed @redocly/cli) on a document: its problems, parsed from its JSON report. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repo } from './spawn.ts';

export interface LintProblem {
  readonly severity: 'error' | 'warn';
  readonly ruleId: string;
  readonly message: string;
  readonly location?: { readonly pointer?: string }[];
}

/** Lints `doc` (a JSON document) with Redocly's recommended rules. */
export function redoclyLint(doc: unknown): LintProblem[] {
  const dir = mkdtempSync(join(tmpdir(), 'sb-redocly-'));
  try {
    const file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(doc));
    const r = spawnSync(join(repo, 'node_modules/.bin/redocly'), ['lint', file, '--format=json'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 90_000,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    });
    const start = r.stdout.indexOf('{');
    if (start === -1) throw new Error(`redocly printed no report (status ${r.status}): ${r.stderr}`);
    return (JSON.parse(r.stdout.slice(start)) as { problems: LintProblem[] }).problems;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
