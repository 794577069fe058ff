/** Command-line parsing for `switchboard`. */
export interface CliArgs {
  command: 'serve' | 'help' | 'version' | 'init';
  module?: string;
  /** `init [dir]`: where the new project goes (default: the current directory). */
  dir?: string;
  /** `--watch`: serve again when a source file changes. */
  watch?: boolean;
  /** `--log-level`: a pino level name (default: $LOG_LEVEL, else info). */
  logLevel?: string;
  /** `--metrics`: serve /metrics in the Prometheus text format. */
  metrics?: boolean;
  port?: number;
  host?: string;
  debug: boolean;
  quiet: boolean;
}

export const USAGE = `Usage: switchboard serve <module> [--port N] [--host H] [--debug] [--quiet] [--watch] [--log-level L] [--metrics]
       switchboard init [dir]
       switchboard --help | --version

Serves the API root (or app) that <module> exports as default, "root" or "app".
<module> may be TypeScript (.ts) or JavaScript.

Options:
  --port N   port to listen on (default: $PORT, else 8080; 0 picks a free one)
  --host H   address to bind (default: $HOST, else 127.0.0.1)
  --debug    show stacks in faults (and load errors)
  --quiet    no per-request log lines
  --watch    serve the module again when a file beside it changes (keeps the last good one)
  --log-level L  trace, debug, info (default: $LOG_LEVEL, else info), warn, error, silent
  --metrics  serve /metrics (Prometheus text): calls, durations, open sockets

It also answers /healthz (live) and /readyz (ready; off from SIGTERM on).

init [dir] writes a new project (default: the current directory, which must have no
package.json): app/default-endpoint.yaml, app/hello/hello.service.ts, a test, tsconfig.json
and package.json with the scripts start, dev and test.

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
  if (first === 'init') return parseInit(rest);
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
      case '--quiet':
        out.quiet = true;
        break;
      case '--watch':
        out.watch = true;
        break;
      case '--metrics':
        out.metrics = true;
        break;
      case '--log-level':
        out.logLevel = value();
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

function parseInit(rest: string[]): CliArgs {
  const out: CliArgs = { command: 'init', debug: false, quiet: false };
  for (const a of rest) {
    if (a === '--help' || a === '-h') return { ...out, command: 'help' };
    if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
    if (out.dir) throw new Error(`unexpected argument ${a}`);
    out.dir = a;
  }
  return out;
}
