/** Command-line parsing for `switchboard`. */
export interface CliArgs {
  command: 'serve' | 'help' | 'version' | 'openapi';
  module?: string;
  /** `openapi`: the API (by name) to describe, when the module serves several. */
  api?: string;
  /** `serve`: serve the explorer at `<base>/explorer` (undefined: unless NODE_ENV=production). */
  explorer?: boolean;
  /** `openapi`: the file to write (standard output by default); `.yaml`/`.yml` writes YAML. */
  output?: string;
  port?: number;
  host?: string;
  debug: boolean;
  quiet: boolean;
}

export const USAGE = `Usage: switchboard serve <module> [--port N] [--host H] [--debug] [--quiet] [--[no-]explorer]
       switchboard openapi <module> [--api name] [-o file]
       switchboard --help | --version

Serves the API root (or app) that <module> exports as default, "root" or "app".
<module> may be TypeScript (.ts) or JavaScript.

Options:
  --port N   port to listen on (default: $PORT, else 8080; 0 picks a free one)
  --host H   address to bind (default: $HOST, else 127.0.0.1)
  --debug    show stacks in faults (and load errors)
  --quiet    no per-request log lines
  --explorer, --no-explorer
             serve the explorer page at <base>/explorer (default: yes, unless
             NODE_ENV=production)

openapi writes the OpenAPI 3.1 document of the module's API (--api names one of several)
to standard output, or to the file -o names (YAML when it ends in .yaml or .yml).

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
  if (first !== 'serve' && first !== 'openapi') throw new Error(`unknown command ${first}`);
  out.command = first;
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
      case '--api':
        if (out.command !== 'openapi') throw new Error(`unknown option ${flag}`);
        out.api = value();
        break;
      case '-o':
      case '--output':
        if (out.command !== 'openapi') throw new Error(`unknown option ${flag}`);
        out.output = value();
        break;
      case '--debug':
        out.debug = true;
        break;
      case '--quiet':
        out.quiet = true;
        break;
      case '--explorer':
      case '--no-explorer':
        out.explorer = flag === '--explorer';
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
  if (!out.module) throw new Error(out.command === 'openapi' ? 'openapi needs a module to describe' : 'serve needs a module to serve');
  return out;
}
