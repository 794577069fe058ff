/** Command-line parsing for `switchboard`. */
export interface CliArgs {
  command: 'serve' | 'help' | 'version' | 'edl' | 'token' | 'openapi' | 'init';
  /** The first module (or app directory, or EDL file) to serve. */
  module?: string;
  /** Further modules or app directories served on the same port, when given. */
  more?: string[];
  /** `serve x.edl --handlers m.ts`: the module exporting the operations' handlers. */
  handlers?: string;
  /** `--watch`: serve again when a source file changes (an EDL file: recompile and swap the API). */
  watch?: boolean;
  /** `edl check|types|openapi`: what to do and the files. */
  edl?: { action: 'check' | 'types' | 'openapi'; files: string[] };
  /** `token`: what the development token says. */
  token?: { sub: string; scopes: string[]; clientId?: string; ttl?: number };
  /** `openapi`: the API (by name) to describe, when the module serves several. */
  api?: string;
  /** `serve`: serve the explorer at `<base>/explorer` (undefined: unless NODE_ENV=production). */
  explorer?: boolean;
  /** `openapi`: the file to write (standard output by default); `.yaml`/`.yml` writes YAML. */
  output?: string;
  /** `init [dir]`: where the new project goes (default: the current directory). */
  dir?: string;
  /** `--log-level`: a pino level name (default: $LOG_LEVEL, else info). */
  logLevel?: string;
  /** `--metrics`: serve /metrics in the Prometheus text format. */
  metrics?: boolean;
  port?: number;
  host?: string;
  debug: boolean;
  quiet: boolean;
  /** Processes sharing the port (node:cluster); 1 by default. */
  workers?: number;
  /** `serve x.edl --store S`: where the standard operations keep the entities (memory, sqlite[:file], postgres[://…]). */
  store?: string;
}

export const USAGE = `Usage: switchboard serve <module> [--port N] [--host H] [--debug] [--quiet] [--[no-]explorer] [--workers N]
                        [--watch] [--log-level L] [--metrics]
       switchboard serve <file.edl> [--handlers <module>] [--store S] [--watch] [--port N] [--host H] [--debug] [--quiet]
       switchboard edl check <file.edl>...
       switchboard edl types <file.edl>
       switchboard edl openapi <file.edl>
       switchboard token --sub S [--scope SCOPE]... [--client-id ID] [--ttl SECONDS]
       switchboard openapi <module> [--api name] [-o file]
       switchboard init [dir]
       switchboard --help | --version

Serves the API root (or app) that <module> exports as default, "root" or "app".
<module> may be TypeScript (.ts) or JavaScript, or an app directory of endpoints
(app/*.yaml and app/<module>/<module>.service.ts, see docs/endpoints.md). Several
modules and directories are served side by side on one port.
An EDL file is compiled and served with the handlers that the --handlers module exports
(as default or "handlers": an object by operation name, or a function returning one);
--watch recompiles it when it changes and serves the new API (a file with errors is reported
and the last good API keeps serving).
--store answers the operations that extend the standard GetById, GetObjects, Create, Update
and Delete from a table per entity, with no handler (--handlers overrides one by name):
memory, sqlite (./data/<file>.sqlite), sqlite:<file>, postgres (DATABASE_URL) or a
postgres:// URL; each stored entity's changes stream at <collection>/changes.
edl check prints every diagnostic of the files (exit status 1 if one is an error);
edl types prints the file's TypeScript types, edl openapi its OpenAPI 3.1 document
(JSON, to standard output; see docs/edl.md).

token prints a development token (see docs/auth.md) for endpoints served without
SWITCHBOARD_AUTH_ISSUER, SWITCHBOARD_AUTH_AUDIENCE and SWITCHBOARD_AUTH_JWKS_URL.

Options:
  --port N   port to listen on (default: $PORT, else 8080; 0 picks a free one)
  --host H   address to bind (default: $HOST, else 127.0.0.1)
  --debug    show stacks in faults (and load errors)
  --quiet    no per-request log lines
  --explorer, --no-explorer
             serve the explorer page at <base>/explorer (default: yes, unless
             NODE_ENV=production)
  --workers N  N processes sharing the port (node:cluster); they share a store and a bus
             only through the app's (PostgreSQL, Redis)
  --watch    serve the module again when a file beside it changes (keeps the last good one)
  --log-level L  trace, debug, info (default: $LOG_LEVEL, else info), warn, error, silent
  --metrics  serve /metrics (Prometheus text): calls, durations, open sockets

openapi writes the OpenAPI 3.1 document of the module's API (--api names one of several)
to standard output, or to the file -o names (YAML when it ends in .yaml or .yml).

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
  if (first === 'token') return parseToken(rest);
  if (first === 'edl') {
    const action = rest.shift();
    if (action !== 'check' && action !== 'types' && action !== 'openapi') throw new Error('edl needs check, types or openapi');
    const bad = rest.find((a) => a.startsWith('-'));
    if (bad) throw new Error(`unknown option ${bad}`);
    if (rest.length === 0) throw new Error(`edl ${action} needs a file`);
    if (action !== 'check' && rest.length > 1) throw new Error(`edl ${action} takes one file`);
    return { ...out, command: 'edl', edl: { action, files: rest } };
  }
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
      case '--workers': {
        const text = value();
        if (!/^\d{1,3}$/.test(text) || Number(text) < 1) throw new Error('--workers must be a number from 1 to 999');
        out.workers = Number(text);
        break;
      }
      case '--quiet':
        out.quiet = true;
        break;
      case '--handlers':
        out.handlers = value();
        break;
      case '--watch':
        out.watch = true;
        break;
      case '--store':
        out.store = value();
        break;
      case '--explorer':
      case '--no-explorer':
        out.explorer = flag === '--explorer';
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
        if (out.module) out.more = [...(out.more ?? []), flag];
        else out.module = flag;
    }
  }
  if (!out.module) throw new Error(out.command === 'openapi' ? 'openapi needs a module to describe' : 'serve needs a module to serve');
  if (out.command === 'openapi' && out.more) throw new Error(`unexpected argument ${out.more[0]}`);
  if (out.handlers && !out.module.endsWith('.edl')) throw new Error('--handlers goes with an .edl file');
  if (out.store && !out.module.endsWith('.edl')) throw new Error('--store goes with an .edl file');
  return out;
}

function parseToken(rest: string[]): CliArgs {
  const token: NonNullable<CliArgs['token']> = { sub: '', scopes: [] };
  while (rest.length > 0) {
    const a = rest.shift()!;
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const v = inline ?? rest.shift();
    if (flag === '--help' || flag === '-h') return { command: 'help', debug: false, quiet: false };
    if (v === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--sub') token.sub = v;
    else if (flag === '--scope') token.scopes.push(...v.split(/[ ,]+/).filter((x) => x !== ''));
    else if (flag === '--client-id') token.clientId = v;
    else if (flag === '--ttl') {
      if (!/^\d{1,7}$/.test(v) || Number(v) === 0) throw new Error('--ttl must be a number of seconds');
      token.ttl = Number(v);
    } else throw new Error(`unknown option ${flag}`);
  }
  if (token.sub === '') throw new Error('token needs --sub');
  return { command: 'token', debug: false, quiet: false, token };
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
