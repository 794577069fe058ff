// docs/endpoints.md: its YAML is read as an endpoint, its module typechecks and answers every
// exchange as shown, and its error example is the error the shown mistake gets.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseEndpointYaml } from '../src/index.ts';
import { startDemo } from './helpers/demo.ts';
import { blocks, runGuide } from './helpers/docs.ts';

const guide = blocks('docs/endpoints.md');

describe('docs/endpoints.md', () => {
  it('its YAML is the seed’s endpoint, and the error shown is the one a bad name gets', () => {
    const yaml = guide.find((b) => b.lang === 'yaml')!.code;
    const c = parseEndpointYaml(yaml, 'app/default-endpoint.yaml');
    assert.deepEqual([c.name, c.version, c.auth_level, c.scopes], ['ferris', 'v1', 'required', ['USERINFO']]);
    const shown = guide.find((b) => b.lang === 'text')!.code.trim();
    const bad = ['# Friendly name.', 'canonical_name: Ferris Endpoint', 'name: Ferris-API', 'version: v1'].join('\n');
    assert.throws(
      () => parseEndpointYaml(bad, 'app/default-endpoint.yaml'),
      (err: Error) => err.message === shown,
    );
  });

  it('every example compiles and runs as shown', () => runGuide('docs/endpoints.md', () => startDemo()));
});
