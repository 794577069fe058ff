// `switchboard serve --watch` end to end: a change to the served module is served (on the same
// port, without a restart of the command), and a change that does not load leaves the last good
// version answering.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { type Child, cli, reap, repo } from './helpers/spawn.ts';

const framework = pathToFileURL(join(repo, 'src/index.ts')).href;
const version = (word: string) => `import { controller, expose, root, t } from '${framework}';
export default root({ webpath: 'api', controllers: { greet: controller({ hello: expose({ returns: t.string() }, () => '${word}') }) } });
`;

/** Matches once `line` has been printed `n` times. */
const times = (line: string, n: number) => new RegExp(`(?:${line}[\\s\\S]*){${n}}`);

describe('switchboard serve --watch', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sb-watch-'));
  let child: Child | undefined;
  after(() => {
    reap(child);
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves each good version on the same port and keeps the last good one when a change fails to load', async () => {
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
    const file = join(dir, 'app.ts');
    writeFileSync(file, version('one'));
    child = cli(['serve', file, '--watch', '--port', '0']);
    const [, url] = await child.waitFor(/Switchboard serving \S+ at (http:\/\/[^/\s]+)\//);
    const hello = async () => (await fetch(`${url}/api/greet/hello`)).json();
    assert.equal(await hello(), 'one');

    writeFileSync(file, version('two'));
    await child.waitFor(times('Switchboard serving', 2));
    // The old version stops once the new one listens; answers come from the new one from then on.
    // (its idle keep-alive connections close with it: wait for that, or fetch may reuse one as it closes).
    await child.waitFor(/the previous version stopped/);
    assert.equal(await hello(), 'two');

    writeFileSync(file, `${version('three')}\nthis is not TypeScript (\n`);
    await child.waitFor(/the changed version failed to load; still serving the last good one/);
    assert.equal(await hello(), 'two');

    writeFileSync(file, version('four'));
    await child.waitFor(times('Switchboard serving', 3));
    await child.waitFor(times('the previous version stopped', 2));
    assert.equal(await hello(), 'four');

    child.proc.kill('SIGTERM');
    assert.equal(await child.exited(), 0);
  });
});
