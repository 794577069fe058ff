/**
 * `switchboard serve --workers N`: N processes (node:cluster) sharing the port — the primary
 * forks them and each serves the module; the kernel hands each new connection to one of them.
 * They share the store and the bus only if the app says so (PostgreSQL and Redis): that is the
 * scale-out story, on one machine here and the same one behind a load balancer on many.
 */
import cluster from 'node:cluster';

/** Runs the primary: forks `n` workers, passes SIGINT/SIGTERM on, resolves with the exit status once all have exited. */
export function runWorkers(n: number, out: (line: string) => void): Promise<number> {
  return new Promise((resolve) => {
    let left = n;
    let failed = false;
    let stopping = false;
    for (let i = 0; i < n; i++) cluster.fork();
    const pids = Object.values(cluster.workers ?? {}).map((w) => w?.process.pid);
    out(`Switchboard: ${n} workers (pids ${pids.join(', ')}) sharing one port\n`);
    cluster.on('exit', (_worker, code) => {
      // A worker that dies unasked is not replaced silently: the others stop too, and the status says so.
      if (!stopping && code !== 0) {
        failed = true;
        stop('SIGTERM');
      }
      if (--left === 0) resolve(failed ? 1 : 0);
    });
    const stop = (signal: NodeJS.Signals) => {
      stopping = true;
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill(signal);
    };
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));
  });
}

/** True in the primary of a `--workers` run (workers serve as a lone process does). */
export function isPrimary(): boolean {
  return cluster.isPrimary;
}
