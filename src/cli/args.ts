/** Command-line parsing for `switchboard`. */
export interface CliArgs {
  command: 'serve' | 'help' | 'version';
  module?: string;
  port?: number;
  host?: string;
  debug: boolean;
  quiet: boolean;
  /** Processes sharing the port (node:cluster); 1 by default. */
  workers?: number;
}

export const USAGE = `Usage: switchboard serve <module> [--port N] [--host H] [--debug] [--quiet] [--workers N]
       switchboard --help | --version

Serves the API root (or app) that <module> exports as default, "root" or "app".
<module> may be TypeScript (.ts) or JavaScript.

Options:
  --port N   port to listen on (default: $PORT, else 8080; 0 picks a free one)
  --host H   address to bind (default: $HOST, else 127.0.0.1)
  --debug    show stacks in faults (and load errors)
  --quiet    no per-request log lines
  --workers N  N processes sharing the port (node:cluster); they share a store and a bus
             only through the app's (PostgreSQL, Redis)

It prints where it listens, logs one JSON line per request (pino) to stdout, and on
SIGINT/SIGTERM stops accepting, lets in-flight requests finish (up to 10 s) and exits 0.
Exit status: 0 after a clean stop, 1 when the module cannot be served, 2 for bad arguments.
`;

export function parseArgs(argv: readonly string[]): CliArgs {
  const out: CliArgs = { command: 'help', debug: false, quiet: false };
  const rest = [...argv];
  const first = rest.shift();
  if (first === '--version' || first === '-v') return { ...out, command: 'version' };
  if (first === undefined || first === 'help' || first === '--help' || first === '-h') return out;
  if (first !== 'serve') throw new Error(`unknown command ${first}`);
  out.command = 'serve';
  while (rest.length > 0) {
    const a = rest.shift()!;
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => {
      const v = inline ?? rest.shift();
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--port': {
        const text = value();
        const p = Number(text);
        if (!/^\d{1,5}$/.test(text) || p > 65535) throw new Error('--port must be a number from 0 to 65535');
        out.port = p;
        break;
      }
      case '--host':
        out.host = value();
        break;
      case '--debug':
        out.debug = true;
        break;
      case '--workers': {
        const text = value();
        if (!/^\d{1,3}$/.test(text) || Number(text) < 1) throw new Error('--workers must be a number from 1 to 999');
        out.workers = Number(text);
        break;
      }
      case '--quiet':
        out.quiet = true;
        break;
      case '--help':
      case '-h':
        return { ...out, command: 'help' };
      default:
        if (flag.startsWith('-')) throw new Error(`unknown option ${flag}`);
        if (out.module) throw new Error(`unexpected argument ${flag}`);
        out.module = flag;
    }
  }
  if (!out.module) throw new Error('serve needs a module to serve');
  return out;
}
