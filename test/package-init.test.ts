// `switchboard init` from the packed tarball: the project it writes installs, typechecks and
// passes its own test, as on a fresh machine (npm's cache first, then the registry).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { exec, npmEnv, sharedPackage } from './helpers/pack.ts';

describe('switchboard init, from the packed package', { timeout: 600_000 }, () => {
  let work: string;
  let tarball: string;
  let consumer: string;

  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'sb-init-'));
    ({ tarball, consumer } = await sharedPackage());
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it('`switchboard init` writes a project whose npm install, typecheck and npm test pass', async () => {
    const project = join(work, 'my-service');
    const init = await exec('node', [join(consumer, 'node_modules/switchboard/bin/switchboard.js'), 'init', project], { cwd: work, ms: 30_000 });
    assert.equal(init.code, 0, init.stderr);
    for (const f of ['app/default-endpoint.yaml', 'app/hello/hello.service.ts', 'app/hello/hello.test.ts', 'app/main.ts', 'tsconfig.json', 'package.json']) {
      assert.ok(statSync(join(project, f)).isFile(), f);
    }
    const pkg = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')) as { scripts: Record<string, string>; dependencies: Record<string, string> };
    assert.deepEqual(Object.keys(pkg.scripts).slice(0, 3), ['start', 'dev', 'test']);
    // The same version, from the tarball instead of the registry.
    pkg.dependencies.switchboard = `file:${tarball}`;
    writeFileSync(join(project, 'package.json'), JSON.stringify(pkg, null, 2));
    const installed = await exec('npm', ['install'], { cwd: project, env: npmEnv });
    assert.equal(installed.code, 0, installed.stderr);
    const typecheck = await exec('npm', ['run', 'typecheck'], { cwd: project, env: npmEnv });
    assert.equal(typecheck.code, 0, typecheck.stdout + typecheck.stderr);
    const tested = await exec('npm', ['test'], { cwd: project, env: npmEnv });
    assert.equal(tested.code, 0, tested.stdout + tested.stderr);
    assert.match(tested.stdout, /# pass 2\n/);
    // A second init there refuses to write over the project.
    const again = await exec('node', [join(consumer, 'node_modules/switchboard/bin/switchboard.js'), 'init', project], { cwd: work, ms: 30_000 });
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already has a package\.json/);
  });
});
