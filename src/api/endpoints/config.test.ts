import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DeclarationError } from '../../errors/declaration.ts';
import { checkEndpointConfig, objectSource, parseEndpointYaml, readEndpointFile } from './config.ts';

/** An EC key pair's JWKs: the public one, and the private one (which has `d`). */
function ecKey(kid: string) {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { pub: { ...publicKey.export({ format: 'jwk' }), kid, alg: 'ES256' }, priv: { ...privateKey.export({ format: 'jwk' }), kid } };
}

/** An endpoint whose issuer `corp` (its key on line 4) has these fields besides issuer and audiences. */
const withIssuer = (fields: string) => `name: a\nversion: v1\nissuers:\n  corp:\n    issuer: https://id.example\n    audiences: [a-api]\n${fields}`;

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
      refusal(() => parseEndpointYaml('name: a\nversion: v1\nissuers:\n  corp:\n    issuer: https://id.example\n    jwks_url: x\n', 'e.yaml')),
      /^e\.yaml:4: issuers\.corp: unknown field jwks_url/,
    );
  });

  it('checks plain objects the same way', () => {
    assert.deepEqual(checkEndpointConfig({ name: 'test', version: 'v1' }, objectSource()).name, 'test');
    assert.match(
      refusal(() => checkEndpointConfig({ name: 'test', version: 'v1', auth: 'x' }, objectSource())),
      /^<object>:0: auth: unknown field/,
    );
  });

  it('takes an issuer’s local key set in the file (jwks) or beside it (jwks_file), public keys checked now', () => {
    const { pub } = ecKey('c1');
    const inline = parseEndpointYaml(withIssuer(`    jwks: ${JSON.stringify({ keys: [pub] })}\n`), 'e.yaml');
    assert.deepEqual(inline.issuers?.corp, { issuer: 'https://id.example', audiences: ['a-api'], jwks: { keys: [pub] } });
    const dir = mkdtempSync(join(tmpdir(), 'sb-jwks-'));
    try {
      writeFileSync(join(dir, 'corp.jwks.json'), JSON.stringify({ keys: [pub] }));
      writeFileSync(join(dir, 'e.yaml'), withIssuer('    jwks_file: corp.jwks.json\n'));
      // Read relative to the endpoint's file, not the working directory.
      assert.deepEqual(readEndpointFile(join(dir, 'e.yaml')).issuers?.corp?.jwks, { keys: [pub] });
      assert.match(
        refusal(() => parseEndpointYaml(withIssuer('    jwks_file: missing.json\n'), join(dir, 'e.yaml'))),
        /^.*e\.yaml:4: issuers\.corp: jwks_file missing\.json cannot be read as JSON: /,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a private or symmetric key, a key it cannot read, keys given two ways or none', () => {
    const { pub, priv } = ecKey('c1');
    const jwks = (keys: unknown[]) => `    jwks: ${JSON.stringify({ keys })}\n`;
    assert.equal(
      refusal(() => parseEndpointYaml(withIssuer(jwks([priv])), 'e.yaml')),
      'e.yaml:4: issuers.corp: jwks key 1 (kid c1) holds the private or secret member d: give public keys only',
    );
    assert.match(
      refusal(() => parseEndpointYaml(withIssuer(jwks([{ kty: 'oct', k: 'c2VjcmV0' }])), 'e.yaml')),
      /jwks key 1 holds the private or secret member k/,
    );
    assert.match(
      refusal(() => parseEndpointYaml(withIssuer(jwks([pub, { ...pub, kid: 'c2', x: 'AAAA' }])), 'e.yaml')),
      /^e\.yaml:4: issuers\.corp: jwks key 2 \(kid c2\) is not a public key node:crypto can read: /,
    );
    assert.match(
      refusal(() => parseEndpointYaml(withIssuer(jwks([])), 'e.yaml')),
      /jwks must be a key set: keys, a non-empty list of JWKs/,
    );
    assert.match(
      refusal(() => parseEndpointYaml(withIssuer(jwks(['x'])), 'e.yaml')),
      /jwks key 1 must be a JWK: a mapping with a kty/,
    );
    assert.match(
      refusal(() => parseEndpointYaml(withIssuer(`    jwks_uri: https://id.example/jwks\n${jwks([pub])}`), 'e.yaml')),
      /^e\.yaml:4: issuers\.corp: gives its keys 2 ways \(jwks_uri, jwks\): give one$/,
    );
    assert.match(
      refusal(() => parseEndpointYaml(withIssuer(''), 'e.yaml')),
      /^e\.yaml:4: issuers\.corp: needs its keys: jwks_uri, jwks or jwks_file$/,
    );
    assert.match(
      refusal(() => parseEndpointYaml(withIssuer('    jwks_uri: ftp://x\n'), 'e.yaml')),
      /jwks_uri must be an http\(s\) URL/,
    );
  });
});
