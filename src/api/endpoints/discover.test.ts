import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { DeclarationError } from '../../errors/declaration.ts';
import { loadApp, scanApp } from './discover.ts';
import { createEndpoints } from './registry.ts';

let dir: string;
const file = (path: string, text = '') => {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), text);
};
const reason = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof DeclarationError && err.code === 'SB_DECL_DISCOVERY', String(err));
    return String(err.params.reason);
  }
  assert.fail('no error');
};

describe('discovery', () => {
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sb-app-'));
    file('default-endpoint.yaml', 'name: ferris\nversion: v1\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('finds the endpoint files (the default first) and app/<module>/<module>.service.ts, leaving other files alone', () => {
    file('a-endpoint.yaml', 'name: a\nversion: v1\n');
    file('posts/posts.service.ts');
    file('posts/messages.ts');
    file('images/images.service.js');
    file('lib/util.ts');
    const found = scanApp(dir);
    assert.deepEqual(found.endpointFiles, [join(dir, 'default-endpoint.yaml'), join(dir, 'a-endpoint.yaml')]);
    assert.deepEqual(found.serviceFiles, [join(dir, 'images/images.service.js'), join(dir, 'posts/posts.service.ts')]);
  });

  it('reports each file that breaks the convention, with the reason', () => {
    file('posts/post.service.ts');
    assert.equal(
      reason(() => scanApp(dir)),
      'a service file of module posts must be named posts.service.ts (or .js)',
    );
    rmSync(join(dir, 'posts'), { recursive: true });
    file('posts/posts_service.ts');
    assert.match(
      reason(() => scanApp(dir)),
      /Python spelling; the module posts's service file is posts\.service\.ts/,
    );
    rmSync(join(dir, 'posts'), { recursive: true });
    file('posts.service.ts');
    assert.match(
      reason(() => scanApp(dir)),
      /belongs in its module’s folder/,
    );
    rmSync(join(dir, 'posts.service.ts'));
    file('Posts/Posts.service.ts');
    assert.match(
      reason(() => scanApp(dir)),
      /lower-case letters/,
    );
    rmSync(join(dir, 'Posts'), { recursive: true });
    file('posts/posts.service.ts');
    file('posts/posts.service.js');
    assert.match(
      reason(() => scanApp(dir)),
      /both posts\.service\.js and posts\.service\.ts; keep one/,
    );
    rmSync(join(dir, 'default-endpoint.yaml'));
    assert.match(
      reason(() => scanApp(dir)),
      /no endpoint file/,
    );
    assert.match(
      reason(() => scanApp(join(dir, 'nope'))),
      /cannot read the app directory/,
    );
  });

  it('a service file that adds no service is an error, not skipped', async () => {
    file('posts/posts.service.ts', 'export const nothing = 1;\n');
    await assert.rejects(loadApp(dir, createEndpoints()), /adds no service/);
  });
});
