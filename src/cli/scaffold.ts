/**
 * The files `switchboard init` writes: a Ferris-style project (seed 001) — the endpoint in
 * `app/default-endpoint.yaml`, a service in `app/hello/hello.service.ts`, a test that calls it
 * over HTTP — that `npm install && npm test` runs as it is.
 */

/** Path → contents, for a project named `name` depending on switchboard `version`. */
export function scaffold(name: string, version: string): Record<string, string> {
  const pkg = {
    name,
    version: '0.1.0',
    private: true,
    type: 'module',
    engines: { node: '>=20' },
    scripts: {
      start: 'switchboard serve app/main.ts',
      dev: 'switchboard serve app/main.ts --watch',
      test: 'node --import tsx --test app/*/*.test.ts',
      typecheck: 'tsc --noEmit',
    },
    dependencies: { switchboard: `^${version}`, pino: '^10.0.0', tsx: '^4.20.0', yaml: '^2.9.1' },
    devDependencies: { '@types/node': '^20.19.0', typescript: '~5.9.3' },
  };
  const tsconfig = {
    compilerOptions: {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      strict: true,
      noEmit: true,
      allowImportingTsExtensions: true,
      skipLibCheck: true,
      types: ['node'],
    },
    include: ['app'],
  };
  return {
    'package.json': `${JSON.stringify(pkg, null, 2)}\n`,
    'tsconfig.json': `${JSON.stringify(tsconfig, null, 2)}\n`,
    '.gitignore': 'node_modules/\n',
    'app/default-endpoint.yaml': ENDPOINT.replaceAll('NAME', apiName(name)),
    'app/main.ts': MAIN,
    'app/hello/hello.service.ts': SERVICE,
    'app/hello/hello.test.ts': TEST.replaceAll('NAME', apiName(name)),
    'README.md': README.replaceAll('NAME', name),
  };
}

/** Ferris's rule for an API name: lower case letters, digits and underscores. */
function apiName(project: string): string {
  const n = project
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return /^[a-z]/.test(n) ? n : `app_${n}`;
}

const ENDPOINT = `# The default endpoint (as in Ferris): the API every service in app/ is part of.
# Friendly name, shown in the explorer and documents.
canonical_name: NAME endpoint
# API name: lower case letters, digits and underscores.
name: NAME
# API version.
version: v1
# Friendly description.
description: The NAME API
# Where its functions answer.
base_path: /api/NAME/v1
`;

const MAIN = `// The app \`switchboard serve\` runs: the endpoint of default-endpoint.yaml with the services of app/.
// Add a service: create app/<name>/<name>.service.ts and list it in \`controllers\` below.
import { readFileSync } from 'node:fs';
import { api } from 'switchboard';
import { parse } from 'yaml';
import { hello } from './hello/hello.service.ts';

interface Endpoint {
  name: string;
  version?: string;
  description?: string;
  base_path?: string;
}

const endpoint = parse(readFileSync(new URL('./default-endpoint.yaml', import.meta.url), 'utf8')) as Endpoint;

export default api({
  name: endpoint.name,
  version: endpoint.version,
  doc: endpoint.description,
  basePath: endpoint.base_path ?? \`/api/\${endpoint.name}/\${endpoint.version ?? 'v1'}\`,
  controllers: { hello },
});
`;

const SERVICE = `// The hello service: every function here is served over REST+JSON, REST+XML, SOAP,
// Ext Direct, JSON-RPC and WebSocket. Arguments and results are typed from their schemas.
import { ClientError, controller, expose, t } from 'switchboard';

const Greeting = t.complex('Greeting', {
  message: t.string(),
  at: t.datetime(),
});

export const hello = controller({
  // GET /api/<name>/v1/hello/greet?name=you
  greet: expose({ args: { name: t.string({ default: 'world' }) }, returns: Greeting, method: 'GET' }, ({ name }) => {
    if (name.trim() === '') throw new ClientError('name must not be blank');
    return { message: \`Hello, \${name}!\`, at: new Date() };
  }),
});
`;

/** The test's import of the app, kept out of this file's own import lines (which a test of the layers reads). */
const MAIN_MODULE = '../main.ts';

const TEST = `// Calls the hello service over HTTP, as a client would.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Running, serve } from 'switchboard';
import app from '${MAIN_MODULE}';

describe('hello', () => {
  let running: Running;
  before(async () => {
    running = await serve(app, { port: 0, host: '127.0.0.1' });
  });
  after(() => running.close());

  it('greets by name', async () => {
    const res = await fetch(\`\${running.url}/api/NAME/v1/hello/greet?name=you\`);
    assert.equal(res.status, 200);
    const body = (await res.json()) as { message: string; at: string };
    assert.equal(body.message, 'Hello, you!');
  });

  it('refuses a blank name with a 400', async () => {
    const res = await fetch(\`\${running.url}/api/NAME/v1/hello/greet?name=%20\`);
    assert.equal(res.status, 400);
  });
});
`;

const README = `# NAME

A Switchboard service.

\`\`\`sh
npm install
npm test        # calls the hello service over HTTP
npm run dev     # serves app/main.ts, again on every change
npm start       # serves it (PORT and HOST from the environment; LOG_LEVEL for the log)
\`\`\`
`;
