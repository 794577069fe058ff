// The package as a user gets it: packed as `npm pack` ships it, checked by publint and
// arethetypeswrong, installed into an empty project (npm's cache first) and measured; its root
// types compiled by a consumer with `"types": []`; its CLI run without the optional peers (tsx,
// msgpackr, pino). `package-init.test.ts` runs `switchboard init`'s project from the tarball.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import WebSocket from 'ws';
import { bin, bytesIn, exec, packagesIn, sharedPackage } from './helpers/pack.ts';
import { repo } from './helpers/spawn.ts';

describe('the published package', { timeout: 600_000 }, () => {
  let tarball: string;
  let consumer: string;

  before(async () => {
    ({ tarball, consumer } = await sharedPackage());
  });

  it('ships dist, bin, README and LICENSE, and no source maps or tests', async () => {
    const list = await exec('tar', ['-tzf', tarball]);
    const files = list.stdout.trim().split('\n');
    assert.ok(files.includes('package/LICENSE') && files.includes('package/README.md') && files.includes('package/bin/switchboard.js'));
    assert.deepEqual(
      files.filter((f) => f.endsWith('.map') || f.includes('.test.') || f.startsWith('package/src/')),
      [],
    );
  });

  it('publint finds nothing to fix', async () => {
    const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as Record<string, unknown>;
    const { messages } = await publint({ pack: { tarball: readFileSync(tarball).buffer as ArrayBuffer }, level: 'suggestion', strict: true });
    assert.deepEqual(
      messages.map((m) => `${m.type}: ${formatMessage(m, pkg)}`),
      [],
    );
  });

  it('arethetypeswrong finds no problem in any entry point (an ESM-only package)', async () => {
    const r = await exec(bin('attw'), [tarball, '--profile', 'esm-only', '--format', 'json'], { env: { ...process.env, NO_COLOR: '1' } });
    const report = JSON.parse(r.stdout) as { analysis: { problems: { resolutionKind?: string }[]; entrypoints: Record<string, unknown> } };
    // The esm-only profile's rule: CommonJS consumers (node10, node16-cjs) are not served, by design.
    const esmOnly = new Set(['node10', 'node16-cjs']);
    assert.deepEqual(
      report.analysis.problems.filter((p) => !esmOnly.has(p.resolutionKind ?? '')),
      [],
    );
    // Every subpath package.json exports is an entry point attw checked.
    const exported = Object.keys((JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { exports: Record<string, unknown> }).exports);
    assert.deepEqual(Object.keys(report.analysis.entrypoints).sort(), exported.sort());
    assert.equal(r.code, 0, r.stdout);
  });

  it('installs into an empty project as fewer than 10 packages and less than 5 MB', () => {
    const packages = packagesIn(consumer);
    const bytes = bytesIn(join(consumer, 'node_modules'));
    // The numbers the package issue asks for, in the test log.
    console.log(`# install: ${packages.length} packages (${packages.join(', ')}), ${(bytes / 1e6).toFixed(2)} MB`);
    assert.ok(packages.length < 10, packages.join(', '));
    assert.ok(bytes < 5e6, `${bytes} bytes`);
    for (const optional of ['tsx', 'esbuild', 'msgpackr', 'pino', '@opentelemetry/api']) assert.ok(!packages.includes(optional), `${optional} was installed`);
  });

  it('the root entry\'s types compile in a project with "types": [] and pull in no node types', async () => {
    writeFileSync(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: [],
          lib: ['ES2022', 'DOM'],
        },
        files: ['index.ts'],
      }),
    );
    writeFileSync(
      join(consumer, 'index.ts'),
      `import { api, controller, expose, t, createApp, type Static } from 'switchboard';
const Person = t.complex('Person', { name: t.string() });
export const people = api({ name: 'people', controllers: { person: controller({ get: expose({ args: { id: t.integer() }, returns: Person }, ({ id }) => ({ name: String(id + 1) })) }) } });
export const app = createApp(people);
export type P = Static<typeof Person>;
`,
    );
    // Compiled (skipLibCheck off: the package's declarations are checked too), listing the files it read.
    const r = await exec(bin('tsc'), ['-p', consumer, '--listFiles'], { cwd: consumer });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(
      r.stdout.split('\n').filter((f) => f.includes('@types/node')),
      [],
    );
  });

  it('without tsx, serving a .ts module says which package to install', async () => {
    writeFileSync(join(consumer, 'app.ts'), "export { people as default } from './index.ts';\n");
    const r = await exec('node', [join(consumer, 'node_modules/switchboard/bin/switchboard.js'), 'serve', 'app.ts'], { cwd: consumer, ms: 30_000 });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /app\.ts is TypeScript, which needs the tsx package: npm install --save-dev tsx/);
  });

  it('without msgpackr and pino, a JavaScript module serves, logs JSON lines, and refuses a MessagePack socket naming msgpackr', async () => {
    writeFileSync(
      join(consumer, 'app.mjs'),
      `import { controller, expose, root, t } from 'switchboard';
export default root({ webpath: 'api', controllers: { greet: controller({ hello: expose({ args: { who: t.string() }, returns: t.string() }, ({ who }) => 'hello ' + who) }) } });
`,
    );
    const proc = spawn('node', [join(consumer, 'node_modules/switchboard/bin/switchboard.js'), 'serve', 'app.mjs', '--port', '0'], {
      cwd: consumer,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no listening line: ${stdout}`)), 30_000);
        proc.stdout.on('data', (d) => {
          stdout += d;
          const m = /at (http:\/\/\S+)\//.exec(stdout);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]);
          }
        });
        proc.once('exit', () => reject(new Error(`exited: ${stdout}`)));
      });
      const res = await fetch(`${url}/api/greet/hello?who=you`);
      assert.equal(await res.json(), 'hello you');
      // The JSON socket works; the MessagePack one is refused at the handshake, with the reason.
      const status = await new Promise<{ code: number; body: string }>((resolve, reject) => {
        const ws = new WebSocket(`${url.replace('http', 'ws')}/api`, 'msgpack');
        ws.once('unexpected-response', (_req, r) => {
          let body = '';
          r.on('data', (d) => {
            body += d;
          });
          r.on('end', () => resolve({ code: r.statusCode ?? 0, body }));
        });
        ws.once('open', () => reject(new Error('a msgpack socket opened without msgpackr')));
        ws.once('error', () => {});
      });
      assert.equal(status.code, 501);
      assert.match(status.body, /msgpack subprotocol needs the msgpackr package on the server.*npm install msgpackr/);
      const json = new WebSocket(`${url.replace('http', 'ws')}/api`, 'json');
      const frame = await new Promise<unknown>((resolve, reject) => {
        json.once('open', () => json.send(JSON.stringify({ id: 1, method: 'greet.hello', params: { who: 'socket' } })));
        json.once('message', (d) => resolve(JSON.parse(String(d))));
        json.once('error', reject);
      });
      json.close();
      assert.deepEqual(frame, { id: 1, status: 200, result: 'hello socket' });
      // The request line, written without pino, has pino's shape.
      const line = await new Promise<Record<string, unknown>>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no request line: ${stdout}`)), 10_000);
        const look = () => {
          const l = stdout.split('\n').find((x) => x.includes('"url":"/api/greet/hello?who=you"'));
          if (l) {
            clearTimeout(timer);
            proc.stdout.off('data', look);
            resolve(JSON.parse(l) as Record<string, unknown>);
          }
        };
        proc.stdout.on('data', look);
        look();
      });
      assert.equal(line.level, 30);
      assert.equal(line.status, 200);
      assert.equal(typeof line.time, 'number');
    } finally {
      const exited = new Promise((resolve) => proc.once('exit', resolve));
      proc.kill('SIGTERM');
      assert.equal(await exited, 0);
    }
  });
});
