import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { controller, expose, root } from '../api/index.ts';
import { t } from '../schema/types.ts';
import { createApp } from './app.ts';
import { Metrics } from './metrics.ts';

const api = root({ webpath: '/ws', controllers: { x: controller({ ping: expose({ returns: t.string() }, () => 'pong') }) } });
const value = (m: Metrics, name: string) =>
  m
    .text()
    .split('\n')
    .find((l) => l.startsWith(`${name} `));

describe('metrics: gauges shared by several apps', () => {
  it('sums the readers of one name, and drops a closed app’s', () => {
    const m = new Metrics().gauge('jobs', 'Jobs.', () => 2).gauge('jobs', 'Jobs.', () => 3);
    assert.equal(value(m, 'jobs'), 'jobs 5');
    const a = createApp(api, { metrics: m });
    const b = createApp(api, { metrics: m });
    assert.equal(value(m, 'switchboard_open_streams'), 'switchboard_open_streams 0');
    a.close();
    assert.equal(value(m, 'switchboard_open_streams'), 'switchboard_open_streams 0');
    b.close();
    assert.equal(value(m, 'switchboard_open_streams'), undefined);
  });
});
