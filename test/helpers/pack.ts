/** Packing the package as `npm pack` would ship it, and running commands to their end, for the package tests. */
import { type SpawnOptions, spawn } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repo } from './spawn.ts';

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end (bounded by `ms`) and collects its output. */
export function exec(command: string, args: readonly string[], options: SpawnOptions & { ms?: number } = {}): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const proc = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    const out: Ran = { code: null, stdout: '', stderr: '' };
    proc.stdout?.on('data', (d) => {
      out.stdout += d;
    });
    proc.stderr?.on('data', (d) => {
      out.stderr += d;
    });
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`${command} ${args.join(' ')} did not finish in ${options.ms ?? 300_000} ms:\n${out.stdout}\n${out.stderr}`));
    }, options.ms ?? 300_000);
    proc.once('error', reject);
    proc.once('close', (code) => {
      clearTimeout(timer);
      out.code = code;
      resolve(out);
    });
  });
}

const { NODE_TEST_CONTEXT: _nested, ...parentEnv } = process.env; // else a nested `node --test` reports to this runner, not to stdout
/** npm preferring its cache: packages come from the tarball and the cache, the registry only for what the cache lacks. */
export const npmEnv = {
  ...parentEnv,
  npm_config_prefer_offline: 'true',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
};
export const bin = (name: string) => join(repo, 'node_modules', '.bin', name);

/**
 * Builds and packs the package in a folder of its own under `work` (the files list, a fresh
 * dist/), leaving the repository's dist/, which other tests import, alone. Returns the tarball.
 */
export async function packPackage(work: string): Promise<string> {
  const stage = join(work, 'stage');
  mkdirSync(stage);
  for (const f of ['package.json', 'README.md', 'LICENSE']) copyFileSync(join(repo, f), join(stage, f));
  cpSync(join(repo, 'bin'), join(stage, 'bin'), { recursive: true });
  const built = await exec(bin('tsc'), ['-p', join(repo, 'tsconfig.build.json'), '--outDir', join(stage, 'dist')], { cwd: repo });
  if (built.code !== 0) throw new Error(`build failed:\n${built.stdout}${built.stderr}`);
  const packed = await exec('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: stage, env: npmEnv });
  if (packed.code !== 0) throw new Error(`npm pack failed:\n${packed.stderr}`);
  const [info] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as { filename: string }[];
  return join(work, info.filename);
}

/** Installs `tarball` into a new empty project `dir`. */
export async function installInto(dir: string, tarball: string): Promise<void> {
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module' }));
  const installed = await exec('npm', ['install', tarball], { cwd: dir, env: npmEnv });
  if (installed.code !== 0) throw new Error(`npm install failed:\n${installed.stderr}`);
}

/** Installed packages under `node_modules` (scoped ones counted one by one), nested ones included. */
export function packagesIn(dir: string): string[] {
  const found: string[] = [];
  const walk = (nm: string) => {
    let entries: string[];
    try {
      entries = readdirSync(nm);
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.startsWith('.')) continue;
      const names = e.startsWith('@') ? readdirSync(join(nm, e)).map((s) => `${e}/${s}`) : [e];
      for (const n of names) {
        found.push(n);
        walk(join(nm, n, 'node_modules'));
      }
    }
  };
  walk(join(dir, 'node_modules'));
  return found;
}

/** Bytes of every file under `dir` (apparent size). */
export function bytesIn(dir: string): number {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) total += bytesIn(p);
    else if (e.isFile()) total += statSync(p).size;
  }
  return total;
}

export interface Packed {
  /** The tarball. */
  readonly tarball: string;
  /** An empty project with only the tarball installed (tests may add files of their own, not packages). */
  readonly consumer: string;
}

/**
 * The tarball and a project with it installed, made once per test run and shared by the test
 * files that need them (they run at the same time): the first to claim the folder builds, the
 * others wait for it, bounded.
 */
export async function sharedPackage(): Promise<Packed> {
  // Test files are children of one runner: its pid names this run's folder.
  const dir = join(tmpdir(), `sb-pack-${process.ppid}`);
  const done = join(dir, 'done.json');
  for (const old of readdirSync(tmpdir())) {
    const p = join(tmpdir(), old);
    if (old.startsWith('sb-pack-') && p !== dir && Date.now() - statSync(p).mtimeMs > 3_600_000) rmSync(p, { recursive: true, force: true });
  }
  let mine = true;
  try {
    mkdirSync(dir);
  } catch {
    mine = false;
  }
  if (mine) {
    try {
      const tarball = await packPackage(dir);
      const consumer = join(dir, 'consumer');
      await installInto(consumer, tarball);
      writeFileSync(done, JSON.stringify({ tarball, consumer }));
    } catch (err) {
      writeFileSync(done, JSON.stringify({ error: String(err) }));
      throw err;
    }
  }
  for (let i = 0; i < 600 && !existsSync(done); i++) await new Promise((resolve) => setTimeout(resolve, 500));
  if (!existsSync(done)) throw new Error(`the shared package in ${dir} was not ready within 300 s`);
  const r = JSON.parse(readFileSync(done, 'utf8')) as Packed & { error?: string };
  if (r.error) throw new Error(`packing failed: ${r.error}`);
  return r;
}
