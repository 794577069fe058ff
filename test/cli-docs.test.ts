// docs/cli.md against the code: the usage text, the sample log line, the listening line, and
// its example module (typechecked and called as shown).
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { pino } from 'pino';
import { USAGE } from '../src/cli/args.ts';
import { serve } from '../src/index.ts';
import { startDemo } from './helpers/demo.ts';
import { blocks, runGuide } from './helpers/docs.ts';
import { kitchenRoot } from './helpers/kitchen.ts';
import { cli } from './helpers/spawn.ts';

const guide = blocks('docs/cli.md');

describe('docs/cli.md', () => {
  it('shows the usage the command prints', () => {
    assert.equal(guide.find((b) => b.lang === 'text')?.code, USAGE);
  });

  it('shows a request log line with the fields the server logs', async () => {
    const sample = JSON.parse(guide.find((b) => b.lang === 'json')!.code) as Record<string, unknown>;
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    // The logger the CLI makes, writing here instead of stdout.
    const running = await serve(kitchenRoot(), { port: 0, host: '127.0.0.1', logger: pino({ base: undefined }, sink) });
    try {
      await (await fetch(`${running.url}/k/args/pair?a=1&b=x`)).text();
    } finally {
      await running.close();
    }
    const logged = JSON.parse(lines.find((l) => l.includes('"msg":"request"'))!) as Record<string, unknown>;
    assert.deepEqual(Object.keys(logged), Object.keys(sample));
    for (const key of Object.keys(sample)) assert.equal(typeof logged[key], typeof sample[key], key);
    assert.deepEqual([logged.method, logged.url, logged.status], ['GET', '/k/args/pair?a=1&b=x', 200]);
  });

  it('shows the line it prints when listening', async () => {
    const shown = guide.filter((b) => b.lang === 'text')[1].code.trim();
    const child = cli(['serve', 'examples/persons/app.ts', '--port', '0', '--quiet']);
    try {
      const [line] = await child.waitFor(/^Switchboard serving .*$/m);
      assert.equal(
        line
          .replace(/:\d+\//g, ':8080/')
          .replace('persons', 'hello')
          .replace(/\/ws\b/g, '/api'),
        shown,
      );
    } finally {
      child.proc.kill('SIGTERM');
      await child.exited();
    }
  });

  it('its example module compiles and answers as shown', () => runGuide('docs/cli.md', () => startDemo()));
});
