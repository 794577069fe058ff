import assert from 'node:assert/strict';
import { test } from 'node:test';
import { serviceName } from './naming.ts';

test('service names follow Ferris: the class name without Service, in snake case', () => {
  assert.equal(serviceName('PostsService'), 'posts');
  assert.equal(serviceName('FuzzyBearsService'), 'fuzzy_bears');
  assert.equal(serviceName('ImagesApi'), 'images_api');
  assert.equal(serviceName('HTTPLogsService'), 'http_logs');
  assert.equal(serviceName('Service'), 'service');
  assert.equal(serviceName('V2PostsService'), 'v2_posts');
});
