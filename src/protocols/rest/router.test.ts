import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allowHeader } from './allow.ts';
import { RouteConflictError, type RouteMatch, type RouteMiss, type RouteSpec, RouteTemplateError, Router } from './router.ts';

/** Routes whose data is their name, so a test reads which route answered. */
function router(routes: readonly (readonly [verbs: string, path: string, name?: string, fallback?: boolean])[]): Router<string> {
  return new Router(
    routes.map(
      ([verbs, path, name, fallback]): RouteSpec<string> => ({
        verbs: verbs.split(','),
        path,
        data: name ?? `${verbs} ${path}`,
        name: name ?? `${verbs} ${path}`,
        fallback,
      }),
    ),
  );
}

/** A found route as `name {params}` or the miss, for compact tables. */
function show(r: RouteMatch<string> | RouteMiss): string {
  if (r.miss === 'method_not_allowed') return `405 ${r.allow}`;
  if (r.miss === 'not_found') return '404';
  if (r.miss === 'bad_path') return `400 ${r.param}`;
  return r.params === undefined ? r.data : `${r.data} ${JSON.stringify(r.params)}`;
}

type Case = readonly [method: string, path: string, expected: string];

function check(r: Router<string>, cases: readonly Case[]): void {
  for (const [method, path, expected] of cases) assert.equal(show(r.find(method, path)), expected, `${method} ${path}`);
}

describe('rest/router', () => {
  it('static routes, whatever the slashes', () => {
    const r = router([
      ['GET', '/', 'root'],
      ['GET', '/ws/person', 'list'],
      ['GET', 'ws/person/get', 'get'],
      ['POST', '/ws/person/create/', 'create'],
    ]);
    check(r, [
      ['GET', '', 'root'],
      ['GET', '/', 'root'],
      ['GET', '///', 'root'],
      ['GET', 'ws/person', 'list'],
      ['GET', '/ws/person', 'list'],
      ['GET', '/ws/person/', 'list'],
      ['GET', '//ws/person//', 'list'],
      ['GET', '/ws/person/get', 'get'],
      ['POST', '/ws/person/create', 'create'],
      ['GET', '/ws//person', '404'],
      ['GET', '/WS/person', '404'],
      ['GET', '/ws/person/gett', '404'],
      ['GET', '/ws/perso', '404'],
    ]);
  });

  it('no routes: every path is a 404', () => {
    check(router([]), [
      ['GET', '/', '404'],
      ['GET', '/a/b', '404'],
    ]);
  });

  it('a static hit is the same object every time, with no params', () => {
    const r = router([['GET', '/a/b', 'ab']]);
    const m = r.find('GET', '/a/b');
    assert.equal(m, r.find('GET', 'a/b'));
    assert.equal(m.miss, undefined);
    assert.equal((m as RouteMatch<string>).params, undefined);
  });

  it('parameters take one non-empty segment each', () => {
    const r = router([
      ['GET', '/book/{id}', 'book'],
      ['GET', '/api/{entity}/{id}/changes', 'changes'],
      ['GET', '/{a}', 'top'],
      ['GET', '/x/{a}/{b}', 'two'],
    ]);
    check(r, [
      ['GET', '/book/12', 'book {"id":"12"}'],
      ['GET', '/book/12/', 'book {"id":"12"}'],
      ['GET', 'book/abc', 'book {"id":"abc"}'],
      ['GET', '/book', 'top {"a":"book"}'],
      ['GET', '/book//12', '404'],
      ['GET', '/book/12/13', '404'],
      ['GET', '/api/person/7/changes', 'changes {"entity":"person","id":"7"}'],
      ['GET', '/api/person//changes', '404'],
      ['GET', '/api/person/7/change', '404'],
      ['GET', '/api/person/7/changes/x', '404'],
      ['GET', '/x/1/2', 'two {"a":"1","b":"2"}'],
      ['GET', '/', '404'],
    ]);
  });

  it('a static segment beats a parameter, and the router backtracks', () => {
    const r = router([
      ['GET', '/book/{id}', 'byId'],
      ['GET', '/book/new', 'new'],
      ['GET', '/book/{id}/x', 'idX'],
      ['GET', '/book/new/y', 'newY'],
      ['GET', '/book/newest/{n}', 'newest'],
      ['GET', '/{a}/{b}/z', 'abz'],
      ['GET', '/{a}/new/{c}', 'anew'],
      ['GET', '/files/{p*}', 'files'],
      ['GET', '/files/readme', 'readme'],
      ['GET', '/files/{d}/index', 'index'],
    ]);
    check(r, [
      ['GET', '/book/new', 'new'],
      ['GET', '/book/7', 'byId {"id":"7"}'],
      ['GET', '/book/newer', 'byId {"id":"newer"}'],
      ['GET', '/book/ne', 'byId {"id":"ne"}'],
      ['GET', '/book/new/y', 'newY'],
      ['GET', '/book/new/x', 'idX {"id":"new"}'],
      ['GET', '/book/7/x', 'idX {"id":"7"}'],
      ['GET', '/book/newest/3', 'newest {"n":"3"}'],
      // `new` beats `{b}` at the second segment, though `{a}/{b}/z` would match too.
      ['GET', '/book/new/z', 'anew {"a":"book","c":"z"}'],
      ['GET', '/book/old/z', 'abz {"a":"book","b":"old"}'],
      ['GET', '/shop/new/3', 'anew {"a":"shop","c":"3"}'],
      ['GET', '/book/new/3', 'anew {"a":"book","c":"3"}'],
      ['GET', '/files/readme', 'readme'],
      ['GET', '/files/a/index', 'index {"d":"a"}'],
      ['GET', '/files/a/b/index', 'files {"p":"a/b/index"}'],
      ['GET', '/files/a', 'files {"p":"a"}'],
      ['GET', '/files/a/b//c/', 'files {"p":"a/b//c"}'],
      ['GET', '/files', '404'],
      ['GET', '/files/', '404'],
      ['HEAD', '/files/a/b', 'files {"p":"a/b"}'],
      ['POST', '/files/a/b', '405 GET, HEAD'],
      ['POST', '/files/a/index', '405 GET, HEAD'],
    ]);
  });

  it('404, and 405 with every verb the path answers', () => {
    const r = router([
      ['POST,GET', '/a', 'a'],
      ['DELETE', '/a/{id}', 'del'],
      ['PUT', '/a/{id}', 'put'],
      ['PATCH', '/{x}/{y}', 'patch'],
      ['POST', '/b/new', 'bnew'],
      ['GET', '/b/{id}', 'bget'],
      ['PROPFIND,OPTIONS', '/c', 'dav'],
    ]);
    check(r, [
      ['GET', '/nope', '404'],
      ['DELETE', '/a', '405 GET, HEAD, POST'],
      ['GET', '/a/1', '405 PUT, PATCH, DELETE'],
      ['PATCH', '/a/1', 'patch {"x":"a","y":"1"}'],
      ['get', '/a', '405 GET, HEAD, POST'],
      // A static route only hides the templates' verbs it declares.
      ['POST', '/b/new', 'bnew'],
      ['GET', '/b/new', 'bget {"id":"new"}'],
      ['HEAD', '/b/new', 'bget {"id":"new"}'],
      ['PATCH', '/b/new', 'patch {"x":"b","y":"new"}'],
      ['PUT', '/b/new', '405 GET, HEAD, POST, PATCH'],
      ['PUT', '/b/7', '405 GET, HEAD, PATCH'],
      ['GET', '/c', '405 OPTIONS, PROPFIND'],
    ]);
  });

  it('HEAD answers where GET does, unless declared', () => {
    const r = router([
      ['GET', '/a', 'getA'],
      ['GET', '/b', 'getB'],
      ['HEAD', '/b', 'headB'],
      ['GET', '/c/{id}', 'getC'],
      ['HEAD', '/d/{id}', 'headD'],
      ['GET', '/d/{x}', 'getD'],
      ['POST', '/e', 'postE'],
    ]);
    check(r, [
      ['HEAD', '/a', 'getA'],
      ['HEAD', '/b', 'headB'],
      ['GET', '/b', 'getB'],
      ['HEAD', '/c/1', 'getC {"id":"1"}'],
      ['HEAD', '/d/1', 'headD {"id":"1"}'],
      ['GET', '/d/1', 'getD {"x":"1"}'],
      ['HEAD', '/e', '405 POST'],
    ]);
  });

  it('verbs are declared in any case and matched in upper case', () => {
    check(router([['get,Post', '/a', 'a']]), [
      ['GET', '/a', 'a'],
      ['POST', '/a', 'a'],
      ['HEAD', '/a', 'a'],
      ['post', '/a', '405 GET, HEAD, POST'],
    ]);
  });

  it('conflicts name both routes, the verb and the path', () => {
    const cases: readonly (readonly [routes: Parameters<typeof router>[0], message: RegExp])[] = [
      [
        [
          ['GET', '/a/b', 'one'],
          ['GET,POST', 'a/b/', 'two'],
        ],
        /^routes one and two both answer GET a\/b\//,
      ],
      [
        [
          ['GET', '/book/{id}', 'one'],
          ['PUT,GET', '/book/{bookId}', 'two'],
        ],
        /^routes one and two both answer GET \/book\/\{bookId\} \(one as \/book\/\{id\}\); mark one as fallback/,
      ],
      [
        [
          ['GET', '/f/{a*}', 'one'],
          ['GET', '/f/{b*}', 'two'],
        ],
        /^routes one and two both answer GET/,
      ],
      [
        [
          ['HEAD', '/x', 'one'],
          ['HEAD', '/x', 'two'],
        ],
        /^routes one and two both answer HEAD \/x/,
      ],
      [
        [
          ['GET', '/caf\u00e9', 'one'],
          ['GET', '/caf%C3%A9', 'two'],
        ],
        /^routes one and two/,
      ],
    ];
    for (const [routes, message] of cases) {
      assert.throws(
        () => router(routes),
        (e: unknown) => e instanceof RouteConflictError && message.test(e.message) && e.routes[0] === 'one' && e.routes[1] === 'two',
      );
    }
  });

  it('no conflict: other verbs, other shapes, HEAD beside GET', () => {
    const r = router([
      ['GET', '/book/{id}', 'get'],
      ['PUT', '/book/{bookId}', 'put'],
      ['HEAD', '/book/{b}', 'head'],
      ['GET', '/book/{id}/x', 'x'],
      ['GET', '/book/{id}/{more*}', 'more'],
    ]);
    check(r, [
      ['GET', '/book/1', 'get {"id":"1"}'],
      ['PUT', '/book/1', 'put {"bookId":"1"}'],
      ['HEAD', '/book/1', 'head {"b":"1"}'],
      ['GET', '/book/1/x', 'x {"id":"1"}'],
      ['GET', '/book/1/y/z', 'more {"id":"1","more":"y/z"}'],
    ]);
  });

  it('fallback aliases yield silently, in either order', () => {
    for (const order of [0, 1]) {
      const routes: Parameters<typeof router>[0] = [
        ['GET', '/book/{id}', 'alias', true],
        ['GET,POST', '/book/{bookId}', 'main'],
        ['GET', '/s', 'sAlias', true],
        ['GET', '/s', 'sMain'],
        ['GET,DELETE', '/only/{x}', 'onlyAlias', true],
        ['GET', '/two', 'first', true],
        ['GET', '/two', 'second', true],
      ];
      const r = router(order ? [...routes].reverse() : routes);
      check(r, [
        ['GET', '/book/1', 'main {"bookId":"1"}'],
        ['POST', '/book/1', 'main {"bookId":"1"}'],
        ['GET', '/s', 'sMain'],
        ['HEAD', '/s', 'sMain'],
        ['DELETE', '/only/1', 'onlyAlias {"x":"1"}'],
        // Between two fallbacks, the first declared stays.
        ['GET', '/two', order ? 'second' : 'first'],
      ]);
    }
  });

  it('malformed templates throw, naming the route', () => {
    const bad: readonly (readonly [path: string, reason: RegExp])[] = [
      ['/a/{', /whole segment/],
      ['/a/}', /whole segment/],
      ['/a/{x}{y}', /whole segment/],
      ['/a/b{x}', /whole segment/],
      ['/a/file.{ext}', /whole segment/],
      ['/a/{x}b', /whole segment/],
      ['/a/{}', /identifier/],
      ['/a/{1x}', /identifier/],
      ['/a/{x-y}', /identifier/],
      ['/a/{ x }', /identifier/],
      ['/a/{__proto__}', /__proto__/],
      ['/a/{x}/{x}', /twice/],
      ['/a/{x*}/b', /last segment/],
      ['/a/{*}', /identifier/],
      ['/a/{x**}', /catch-all/],
      ['/a//b', /segment 2 is empty/],
      ['/a?b=1', /'\?'/],
      ['/a#b', /'#'/],
      ['/\ud800', /lone surrogate/],
    ];
    for (const [path, reason] of bad) {
      assert.throws(
        () => router([['GET', path, 'theRoute']]),
        (e: unknown) =>
          e instanceof RouteTemplateError &&
          e.route === 'theRoute' &&
          e.message.startsWith(`route theRoute: bad path template '${path}'`) &&
          reason.test(e.message),
        path,
      );
    }
    assert.throws(() => router([['', '/a', 'r']]), /route r: '' is not an HTTP verb/);
    assert.throws(() => new Router([{ verbs: [], path: '/a', data: 1, name: 'r' }]), /route r: no verbs/);
    assert.throws(() => router([['GE T', '/a', 'r']]), /not an HTTP verb/);
  });

  it('parameters are percent-decoded; a malformed escape is a bad path', () => {
    const r = router([
      ['GET', '/book/{id}', 'book'],
      ['GET', '/book/{id}/{page}', 'page'],
      ['GET', '/files/{p*}', 'files'],
      ['GET', '/a%20b', 'static'],
    ]);
    check(r, [
      ['GET', '/book/a%20b', 'book {"id":"a b"}'],
      ['GET', '/book/a+b', 'book {"id":"a+b"}'],
      ['GET', '/book/a%2Fb', 'book {"id":"a/b"}'],
      ['GET', '/book/%E2%82%AC', 'book {"id":"€"}'],
      ['GET', '/book/%e2%82%ac', 'book {"id":"€"}'],
      ['GET', '/book/%25', 'book {"id":"%"}'],
      ['GET', '/book/%zz', '400 id'],
      ['GET', '/book/%', '400 id'],
      ['GET', '/book/%C3', '400 id'],
      ['GET', '/book/1/%FF', '400 page'],
      ['GET', '/files/a%2Fb/c%20d', 'files {"p":"a/b/c d"}'],
      // Static text is matched as sent, escapes and all.
      ['GET', '/a%20b', 'static'],
      ['GET', '/a b', '404'],
    ]);
  });

  it('unicode: literal or percent-encoded, in static text and parameters', () => {
    const r = router([
      ['GET', '/café', 'cafe'],
      ['GET', '/café/{plat}', 'plat'],
      ['GET', '/日本/{x}/語', 'ja'],
    ]);
    check(r, [
      ['GET', '/café', 'cafe'],
      ['GET', '/caf%C3%A9', 'cafe'],
      ['GET', '/caf%c3%a9', '404'],
      ['GET', '/café/crêpe', 'plat {"plat":"crêpe"}'],
      ['GET', '/caf%C3%A9/cr%C3%AApe', 'plat {"plat":"crêpe"}'],
      ['GET', '/日本/😀/語', 'ja {"x":"😀"}'],
      ['GET', '/%E6%97%A5%E6%9C%AC/%F0%9F%98%80/%E8%AA%9E', 'ja {"x":"😀"}'],
      ['GET', '/日本/x/语', '404'],
    ]);
  });

  it('very long paths', () => {
    const long = 'x'.repeat(100_000);
    const deep = Array.from({ length: 2000 }, (_, i) => `s${i}`).join('/');
    const r = router([
      ['GET', '/a/{id}', 'a'],
      ['GET', `/${long}`, 'longStatic'],
      ['GET', '/f/{p*}', 'f'],
      ['GET', `/${deep}/{last}`, 'deep'],
    ]);
    check(r, [
      [`GET`, `/a/${long}`, `a {"id":"${long}"}`],
      ['GET', `/${long}`, 'longStatic'],
      ['GET', `/${long}/`, 'longStatic'],
      ['GET', `/${long}y`, '404'],
      ['GET', `/a/${long}/b`, '404'],
      ['GET', `/f/${deep}`, `f {"p":"${deep}"}`],
      ['GET', `/${deep}/end`, 'deep {"last":"end"}'],
      ['GET', `/${'/'.repeat(10_000)}`, '404'],
    ]);
  });

  it('many routes: each found with its own parameters, none shadowing another', () => {
    const routes: RouteSpec<number>[] = [];
    for (let i = 0; i < 1000; i++) {
      routes.push({ verbs: ['GET'], path: `/api/v1/res${i}`, data: 4 * i, name: `list${i}` });
      routes.push({ verbs: ['GET', 'PUT'], path: `/api/v1/res${i}/{id}`, data: 4 * i + 1, name: `get${i}` });
      routes.push({ verbs: ['GET'], path: `/api/v1/res${i}/{id}/items/{itemId}`, data: 4 * i + 2, name: `item${i}` });
      routes.push({ verbs: ['POST'], path: `/api/v1/res${i}/search`, data: 4 * i + 3, name: `search${i}` });
    }
    const r = new Router(routes);
    for (let i = 0; i < 1000; i++) {
      assert.deepEqual({ ...r.find('GET', `/api/v1/res${i}`) }, { data: 4 * i, params: undefined });
      assert.deepEqual({ ...r.find('PUT', `/api/v1/res${i}/${i}`) }, { data: 4 * i + 1, params: { id: String(i) } });
      assert.deepEqual({ ...r.find('GET', `/api/v1/res${i}/x/items/${i}`) }, { data: 4 * i + 2, params: { id: 'x', itemId: String(i) } });
      assert.deepEqual({ ...r.find('POST', `/api/v1/res${i}/search`) }, { data: 4 * i + 3, params: undefined });
      assert.deepEqual({ ...r.find('GET', `/api/v1/res${i}/search`) }, { data: 4 * i + 1, params: { id: 'search' } });
      assert.deepEqual(r.find('POST', `/api/v1/res${i}/1`), { miss: 'method_not_allowed', allow: 'GET, HEAD, PUT' });
    }
    assert.deepEqual(r.find('GET', '/api/v1/res1000'), { miss: 'not_found' });
    assert.deepEqual(r.find('GET', '/api/v1/res'), { miss: 'not_found' });
  });

  it('Allow lists common verbs in reading order, others after, alphabetically', () => {
    assert.equal(allowHeader(['DELETE', 'POST', 'HEAD', 'GET', 'MKCOL', 'COPY', 'OPTIONS', 'GET']), 'GET, HEAD, POST, DELETE, OPTIONS, COPY, MKCOL');
  });
});
