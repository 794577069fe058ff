/** Running the CLI as a child process and waiting, bounded, for what it prints. */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const repo = fileURLToPath(new URL('../../', import.meta.url));

export interface Child {
  readonly proc: ChildProcess;
  stdout: string;
  stderr: string;
  /** Resolves with the first match of `re` in stdout (or stderr), rejects after `ms`. */
  waitFor(re: RegExp, stream?: 'stdout' | 'stderr', ms?: number): Promise<RegExpExecArray>;
  /** Resolves with the exit code (or the signal's name), rejects after `ms`. */
  exited(ms?: number): Promise<number | string>;
}

/** Spawns `command args` in the repository; `detached` puts it in its own process group. */
export function run(command: string, args: readonly string[], env: Record<string, string> = {}, detached = false): Child {
  const proc = spawn(command, args, { cwd: repo, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached });
  const exit = new Promise<number | string>((resolve) => proc.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  const child: Child = {
    proc,
    stdout: '',
    stderr: '',
    waitFor(re, stream = 'stdout', ms = 20_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = re.exec(child[stream]);
          if (!m) return false;
          cleanup();
          resolve(m);
          return true;
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`timed out waiting for ${re} in ${stream}:\n${child.stdout}\n--- stderr ---\n${child.stderr}`));
        }, ms);
        const onExit = () => {
          if (!check()) {
            cleanup();
            reject(new Error(`exited before ${re} appeared in ${stream}:\n${child.stdout}\n--- stderr ---\n${child.stderr}`));
          }
        };
        const cleanup = () => {
          clearTimeout(timer);
          proc.stdout?.off('data', check);
          proc.stderr?.off('data', check);
          proc.off('exit', onExit);
        };
        proc.stdout?.on('data', check);
        proc.stderr?.on('data', check);
        proc.once('exit', onExit);
        check();
      });
    },
    exited(ms = 20_000) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`did not exit within ${ms} ms:\n${child.stdout}\n--- stderr ---\n${child.stderr}`)), ms);
      });
      return Promise.race([exit, timeout]).finally(() => clearTimeout(timer));
    },
  };
  proc.stdout?.setEncoding('utf8').on('data', (d: string) => {
    child.stdout += d;
  });
  proc.stderr?.setEncoding('utf8').on('data', (d: string) => {
    child.stderr += d;
  });
  return child;
}

/** Runs the CLI (`node bin/switchboard.js …`). */
export function cli(args: readonly string[], env: Record<string, string> = {}): Child {
  return run(process.execPath, ['bin/switchboard.js', ...args], env);
}

/** Kills a child still running after a test (its own process group when detached). */
export function reap(child: Child | undefined, group = false): void {
  if (!child || child.proc.exitCode !== null || child.proc.signalCode !== null || child.proc.pid === undefined) return;
  try {
    if (group) process.kill(-child.proc.pid, 'SIGKILL');
    else child.proc.kill('SIGKILL');
  } catch {
    // already gone
  }
}
