/**
 * A private redis-server for tests that stop and start it (never the machine's shared one on
 * 6379): a free port, its own directory, killed and started again on the same port.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Child, run } from './spawn.ts';

/** A port nothing listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface PrivateRedis {
  readonly url: string;
  /** Starts it (again). */
  start(): Promise<void>;
  /** SIGKILL: no shutdown, no save; what it keeps is what its persistence wrote. */
  kill(): Promise<void>;
  /** Kills it and removes its directory. */
  dispose(): Promise<void>;
}

/** `persist`: an append-only file fsynced on every write (its data survives a kill); otherwise none (a kill loses everything). */
export async function privateRedis(persist: boolean): Promise<PrivateRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'sb-redis-'));
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--daemonize', 'no'];
  args.push(...(persist ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no']));
  let child: Child | undefined;
  const kill = async () => {
    const c = child;
    child = undefined;
    if (!c || c.proc.exitCode !== null || c.proc.signalCode !== null) return;
    c.proc.kill('SIGKILL');
    await c.exited();
  };
  return {
    url: `redis://127.0.0.1:${port}`,
    async start() {
      child = run('redis-server', args);
      await child.waitFor(/Ready to accept connections/, 'stdout', 20_000);
    },
    kill,
    async dispose() {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
