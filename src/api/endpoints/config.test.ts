import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DeclarationError } from '../../errors/declaration.ts';
import { checkEndpointConfig, objectSource, parseEndpointYaml } from './config.ts';

const seed = `# Friendly name. Displayed in the Google API Explorer.
canonical_name: Ferris Endpoint
name: ferris
version: v1
description: Ferris-based Endpoint
auth_level: required
scopes:
- USERINFO
allowed_client_ids:
- API_EXPLORER_CLIENT_ID
- 462711127220-1mr3uha1ukgicv4s0ebvo26bulkpb4k1.apps.googleusercontent.com
`;

/** The message of the declaration error `fn` throws. */
function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof DeclarationError, String(err));
    assert.equal(err.code, 'SB_DECL_ENDPOINT_CONFIG');
    return err.message;
  }
  assert.fail('no error');
}

describe('endpoint configuration', () => {
  it('reads the seed’s annotated endpoint as written', () => {
    const c = parseEndpointYaml(seed, 'app/default-endpoint.yaml');
    assert.equal(c.name, 'ferris');
    assert.equal(c.version, 'v1');
    assert.equal(c.canonical_name, 'Ferris Endpoint');
    assert.equal(c.auth_level, 'required');
    assert.deepEqual(c.scopes, ['USERINFO']);
    assert.deepEqual(c.allowed_client_ids, ['API_EXPLORER_CLIENT_ID', '462711127220-1mr3uha1ukgicv4s0ebvo26bulkpb4k1.apps.googleusercontent.com']);
  });

  it('names the file, line and field of a bad name, version or level', () => {
    assert.equal(
      refusal(() => parseEndpointYaml(seed.replace('name: ferris', 'name: Ferris-API'), 'app/default-endpoint.yaml')),
      'app/default-endpoint.yaml:3: name: "Ferris-API" must be lower-case letters, digits and underscores only',
    );
    assert.match(
      refusal(() => parseEndpointYaml(seed.replace('version: v1', 'version: V 1'), 'e.yaml')),
      /^e\.yaml:4: version: /,
    );
    assert.match(
      refusal(() => parseEndpointYaml(seed.replace('auth_level: required', 'auth_level: maybe'), 'e.yaml')),
      /^e\.yaml:6: auth_level: "maybe" is not one of required, optional, optional_continue, none$/,
    );
  });

  it('refuses unknown fields instead of ignoring them', () => {
    assert.match(
      refusal(() => parseEndpointYaml(`${seed}alowed_client_ids: []\n`, 'e.yaml')),
      /^e\.yaml:12: alowed_client_ids: unknown field; known: /,
    );
  });

  it('refuses a missing name, bad lists, YAML that does not parse, and a document that is not a mapping', () => {
    assert.match(
      refusal(() => parseEndpointYaml('version: v1\n', 'e.yaml')),
      /^e\.yaml:1: name: is required$/,
    );
    assert.match(
      refusal(() => parseEndpointYaml('name: a\nversion: v1\nscopes: USERINFO\n', 'e.yaml')),
      /^e\.yaml:3: scopes: must be a list/,
    );
    assert.match(
      refusal(() => parseEndpointYaml('name: a\nversion: v1\nname: b\n', 'e.yaml')),
      /^e\.yaml:3: \(yaml\): /,
    );
    assert.match(
      refusal(() => parseEndpointYaml('- a\n- b\n', 'e.yaml')),
      /^e\.yaml:1: \(document\): /,
    );
    assert.match(
      refusal(() => parseEndpointYaml('name: a\nversion: v1\nissuers:\n  corp:\n    issuer: https://id.example\n    jwks: x\n', 'e.yaml')),
      /^e\.yaml:4: issuers\.corp: unknown field jwks/,
    );
  });

  it('checks plain objects the same way', () => {
    assert.deepEqual(checkEndpointConfig({ name: 'test', version: 'v1' }, objectSource()).name, 'test');
    assert.match(
      refusal(() => checkEndpointConfig({ name: 'test', version: 'v1', auth: 'x' }, objectSource())),
      /^<object>:0: auth: unknown field/,
    );
  });
});
