/** Command-line parsing for `switchboard`. */
export interface CliArgs {
  command: 'serve' | 'help' | 'version' | 'token';
  /** The first module (or app directory) to serve. */
  module?: string;
  /** Further modules or app directories served on the same port, when given. */
  more?: string[];
  /** `token`: what the development token says. */
  token?: { sub: string; scopes: string[]; clientId?: string; ttl?: number };
  port?: number;
  host?: string;
  debug: boolean;
  quiet: boolean;
}

export const USAGE = `Usage: switchboard serve <module> [--port N] [--host H] [--debug] [--quiet]
       switchboard token --sub S [--scope SCOPE]... [--client-id ID] [--ttl SECONDS]
       switchboard --help | --version

Serves the API root (or app) that <module> exports as default, "root" or "app".
<module> may be TypeScript (.ts) or JavaScript, or an app directory of endpoints
(app/*.yaml and app/<module>/<module>.service.ts, see docs/endpoints.md). Several
modules and directories are served side by side on one port.

token prints a development token (see docs/auth.md) for endpoints served without
SWITCHBOARD_AUTH_ISSUER, SWITCHBOARD_AUTH_AUDIENCE and SWITCHBOARD_AUTH_JWKS_URL.

Options:
  --port N   port to listen on (default: $PORT, else 8080; 0 picks a free one)
  --host H   address to bind (default: $HOST, else 127.0.0.1)
  --debug    show stacks in faults (and load errors)
  --quiet    no per-request log lines

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
  if (first === 'token') return parseToken(rest);
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
      case '--help':
      case '-h':
        return { ...out, command: 'help' };
      default:
        if (flag.startsWith('-')) throw new Error(`unknown option ${flag}`);
        if (out.module) out.more = [...(out.more ?? []), flag];
        else out.module = flag;
    }
  }
  if (!out.module) throw new Error('serve needs a module to serve');
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
