import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jsonLines, levelOf } from './logger.ts';

describe('cli/logger', () => {
  it('the level: --log-level, else LOG_LEVEL, else info; unknown names refused', () => {
    assert.equal(levelOf(undefined, undefined), 'info');
    assert.equal(levelOf(undefined, ''), 'info');
    assert.equal(levelOf(undefined, 'debug'), 'debug');
    assert.equal(levelOf('warn', 'debug'), 'warn');
    assert.throws(() => levelOf('loud', undefined), /log level must be one of trace, debug, info, warn, error, fatal, silent, not "loud"/);
  });

  it("without pino: pino's line shape, the level filter, errors and redacted headers", () => {
    const lines: string[] = [];
    const log = jsonLines('info', (l) => lines.push(l));
    log.debug({ a: 1 }, 'hidden');
    log.info({ req: { headers: { authorization: 'Bearer x', cookie: 'c=1', accept: '*/*' } } }, 'call');
    log.error({ err: new TypeError('boom') }, 'failed');
    assert.equal(lines.length, 2);
    const [call, failed] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(Object.keys(call), ['level', 'time', 'req', 'msg']);
    assert.deepEqual(call.req, { headers: { authorization: '[redacted]', cookie: '[redacted]', accept: '*/*' } });
    assert.equal(failed.level, 50);
    assert.deepEqual(Object.keys(failed.err as object), ['type', 'message', 'stack']);
  });
});
