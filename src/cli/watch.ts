/**
 * `switchboard serve --watch`: this process watches the module's folder and serves nothing
 * itself; each version of the app runs in a cluster worker. On a change a new worker starts
 * beside the old one on the same listening socket (the cluster primary holds it), and only once
 * it listens is the old one stopped — so a version that fails to load leaves the last good one
 * serving, and no request meets a closed port during the swap.
 */
import cluster, { type Worker } from 'node:cluster';
import { type FSWatcher, watch } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import type { CliLogger } from './logger.ts';

/** Folders whose changes are not the app's sources. */
const IGNORED = new Set(['node_modules', '.git', 'dist', 'coverage']);
/** Changes arriving within this many milliseconds are one change (an editor's save is several events). */
const SETTLE_MS = 150;

/** True in the process that watches (the cluster primary); a worker serves. */
export function isWatchSupervisor(): boolean {
  return cluster.isPrimary;
}

/** In a worker: stop (as on SIGTERM) when the supervisor goes away, so no server outlives it. */
export function followSupervisor(): void {
  if (cluster.isWorker) process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
}

/** Watches, starts a worker per version, and resolves with 0 once stopped by SIGINT/SIGTERM. */
export function superviseWatch(module: string, logger: CliLogger): Promise<number> {
  const root = dirname(resolve(module));
  let current: Worker | undefined;
  let starting: Worker | undefined;
  let again = false;
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;

  const start = () => {
    if (stopping) return;
    if (starting) {
      // A change while a version is still loading: load once more after it.
      again = true;
      return;
    }
    const worker = cluster.fork();
    starting = worker;
    let listening = false;
    worker.once('listening', () => {
      listening = true;
      starting = undefined;
      const old = current;
      current = worker;
      if (old) {
        old.once('exit', () => logger.info({ pid: old.process.pid }, 'the previous version stopped'));
        old.process.kill('SIGTERM');
      }
      if (again) {
        again = false;
        start();
      }
    });
    worker.once('exit', (code) => {
      if (worker === current) current = undefined;
      if (listening || stopping) return;
      starting = undefined;
      logger.error(
        { module, code },
        current ? 'the changed version failed to load; still serving the last good one' : 'the module failed to load; waiting for a change',
      );
      if (again) {
        again = false;
        start();
      }
    });
  };

  const watcher: FSWatcher = watch(root, { recursive: true }, (_event, file) => {
    if (
      file &&
      String(file)
        .split(sep)
        .some((part) => IGNORED.has(part))
    )
      return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      logger.info({ file: file ? String(file) : undefined }, 'change: serving the new version');
      start();
    }, SETTLE_MS);
  });
  watcher.on('error', (err) => logger.error({ err }, 'cannot watch the sources'));
  logger.info({ root }, `watching ${root} for changes`);
  start();

  return new Promise((resolveStop) => {
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      clearTimeout(timer);
      watcher.close();
      const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
      if (workers.length === 0) return resolveStop(0);
      let left = workers.length;
      for (const w of workers) {
        w.once('exit', () => {
          if (--left === 0) resolveStop(0);
        });
        w.process.kill(signal === 'SIGINT' ? 'SIGINT' : 'SIGTERM');
      }
    };
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));
  });
}
