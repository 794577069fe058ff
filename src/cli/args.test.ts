import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseArgs } from './args.ts';

describe('cli/args', () => {
  it('help and version', () => {
    for (const argv of [[], ['help'], ['--help'], ['-h'], ['serve', '--help'], ['serve', 'a.ts', '-h']]) {
      assert.equal(parseArgs(argv).command, 'help', argv.join(' '));
    }
    assert.equal(parseArgs(['--version']).command, 'version');
    assert.equal(parseArgs(['-v']).command, 'version');
  });

  it('serve with its options, separate or inline', () => {
    assert.deepEqual(parseArgs(['serve', 'app.ts']), { command: 'serve', module: 'app.ts', debug: false, quiet: false });
    assert.deepEqual(parseArgs(['serve', '--port', '0', 'app.js', '--host=::1', '--debug', '--quiet']), {
      command: 'serve',
      module: 'app.js',
      port: 0,
      host: '::1',
      debug: true,
      quiet: true,
    });
    assert.equal(parseArgs(['serve', 'a.ts', '--port=65535']).port, 65535);
  });

  it('serve with several modules or app directories, side by side', () => {
    assert.deepEqual(parseArgs(['serve', 'a.ts', 'app/', '--quiet']), { command: 'serve', module: 'a.ts', more: ['app/'], debug: false, quiet: true });
  });

  it('token with its claims', () => {
    assert.deepEqual(parseArgs(['token', '--sub', 'alice', '--scope', 'USERINFO', '--scope=email', '--client-id', 'web', '--ttl', '60']), {
      command: 'token',
      debug: false,
      quiet: false,
      token: { sub: 'alice', scopes: ['USERINFO', 'email'], clientId: 'web', ttl: 60 },
    });
  });

  it('init with its folder; --watch and --log-level for serve', () => {
    assert.deepEqual(parseArgs(['init']), { command: 'init', debug: false, quiet: false });
    assert.deepEqual(parseArgs(['init', 'my-app']), { command: 'init', dir: 'my-app', debug: false, quiet: false });
    assert.equal(parseArgs(['init', '--help']).command, 'help');
    assert.throws(() => parseArgs(['init', 'a', 'b']), /unexpected argument b/);
    assert.throws(() => parseArgs(['init', '--force']), /unknown option --force/);
    const s = parseArgs(['serve', 'a.ts', '--watch', '--log-level', 'debug']);
    assert.deepEqual([s.watch, s.logLevel], [true, 'debug']);
    assert.equal(parseArgs(['serve', 'a.ts', '--log-level=warn']).logLevel, 'warn');
  });

  it('edl check|types|openapi with their files', () => {
    assert.deepEqual(parseArgs(['edl', 'openapi', 'b.edl']), { command: 'edl', debug: false, quiet: false, edl: { action: 'openapi', files: ['b.edl'] } });
    assert.deepEqual(parseArgs(['edl', 'check', 'a.edl', 'b.edl']).edl, { action: 'check', files: ['a.edl', 'b.edl'] });
    assert.throws(() => parseArgs(['edl', 'openapi', 'a.edl', 'b.edl']), /edl openapi takes one file/);
    assert.throws(() => parseArgs(['edl', 'openapi']), /edl openapi needs a file/);
    assert.throws(() => parseArgs(['edl', 'lint', 'a.edl']), /edl needs check, types or openapi/);
  });

  it('--explorer and --no-explorer set only the explorer', () => {
    const on = parseArgs(['serve', 'a.ts', '--explorer']);
    const off = parseArgs(['serve', 'a.ts', '--no-explorer']);
    assert.deepEqual([on.explorer, on.metrics, off.explorer, off.metrics], [true, undefined, false, undefined]);
  });

  it('refuses bad arguments with the reason', () => {
    const cases: [string[], RegExp][] = [
      [['serve'], /serve needs a module to serve/],
      [['serve', 'a.ts', '--port', 'abc'], /--port must be a number from 0 to 65535/],
      [['serve', 'a.ts', '--port', '70000'], /--port must be a number/],
      [['serve', 'a.ts', '--port', '1.5'], /--port must be a number/],
      [['serve', 'a.ts', '--port='], /--port must be a number/],
      [['serve', 'a.ts', '--port'], /--port needs a value/],
      [['serve', 'a.ts', '--host'], /--host needs a value/],
      [['serve', 'a.ts', '--bogus'], /unknown option --bogus/],
      [['token'], /token needs --sub/],
      [['token', '--sub'], /--sub needs a value/],
      [['token', '--sub', 'a', '--ttl', 'x'], /--ttl must be a number of seconds/],
      [['token', '--sub', 'a', '--aud', 'x'], /unknown option --aud/],
      [['frobnicate'], /unknown command frobnicate/],
    ];
    for (const [argv, re] of cases) assert.throws(() => parseArgs(argv), re, argv.join(' '));
  });
});
