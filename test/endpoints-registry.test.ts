import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DeclarationError } from '../src/errors/declaration.ts';
import { compileApi } from '../src/runtime/compile.ts';
import { t } from '../src/schema/types.ts';
import { type AutoMethodOptions, type MethodArgs, type Params, autoMethod } from '../src/api/endpoints/method.ts';
import { createEndpoints } from '../src/api/endpoints/registry.ts';
import { Service, type ServiceOptions } from '../src/api/endpoints/service.ts';

const HelloMessage = t.complex('HelloMessage', { greeting: t.string() });
const PeopleMessage = t.complex('PeopleMessage', { people: t.array(t.string()) });

function code(fn: () => unknown): [string, string] {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof DeclarationError, String(err));
    return [err.code, err.message];
  }
  assert.fail('no error');
}

describe('the endpoint registry', () => {
  it('adds, gets, and knows its default; two endpoints with one name are an error', () => {
    const eps = createEndpoints();
    eps.add({ name: 'test', version: 'v1' });
    eps.add({ name: 'ferris', version: 'v1' }, { default: true });
    assert.equal(eps.get('test').name, 'test');
    assert.equal(eps.default().name, 'ferris');
    assert.equal(eps.get().name, 'ferris');
    assert.deepEqual(
      code(() => eps.add({ name: 'test', version: 'v2' })),
      ['SB_DECL_DUPLICATE_ENDPOINT', 'Two endpoints are named test: <object> and <object>'],
    );
    assert.equal(code(() => eps.get('nope'))[0], 'SB_DECL_UNKNOWN_ENDPOINT');
  });

  it('exposes services by convention, with the seed’s overrides, as Cloud Endpoints’ method ids and paths', () => {
    const eps = createEndpoints();
    eps.add({ name: 'ferris', version: 'v1' }, { default: true });
    eps.add({ name: 'mobile_only', version: 'v1' });
    const { autoService } = eps;

    @autoService
    class FuzzyBearsService extends Service {
      @autoMethod
      hug() {}
    }
    @autoService({ name: 'photos' })
    class ImagesService extends Service {
      @autoMethod({ returns: t.array(t.string()), httpMethod: 'GET' })
      list() {
        return ['a.png'];
      }
    }
    @autoService({ name: 'photos', endpoint: 'mobile_only' })
    class ImagesApi extends ImagesService {}
    @autoService({ endpoint: 'mobile_only', resourceName: 'posts', path: 'articles' })
    class MobilePostsService extends Service {
      @autoMethod({ returns: HelloMessage, name: 'hello', params: { name: [t.string(), 'Unknown'] } })
      greet({ name }: { name: string }) {
        return { greeting: `Hello, ${name}!` };
      }
    }
    class ShelvesService extends Service {
      @autoMethod({ params: { id: [t.integer()] }, path: '{id}', httpMethod: 'DELETE' })
      remove() {}
    }
    eps.get('ferris').apiClass({ resourceName: 'shelves' })(ShelvesService);
    void [FuzzyBearsService, ImagesApi, MobilePostsService];

    const [ferris, mobile] = eps.apis().map((a) => compileApi(a));
    assert.equal(ferris.webpath, '/_ah/api/ferris/v1');
    assert.equal(mobile.webpath, '/_ah/api/mobile_only/v1');
    const routes = (api: typeof ferris) => api.functions.map((f) => `${f.name} ${f.binding.verbs.join(',')} ${f.binding.path} ${f.binding.status}`);
    assert.deepEqual(routes(ferris), [
      'ferris.fuzzy_bears.hug POST fuzzy_bears/hug 204',
      'ferris.photos.list GET photos/list 200',
      'ferris.shelves.remove DELETE shelves/{id} 204',
    ]);
    assert.deepEqual(routes(mobile), ['mobile_only.photos.list GET photos/list 200', 'mobile_only.posts.hello POST articles/hello 200']);
  });

  it('refuses, at start-up and naming the method: a GET with a request message, a parameter named like a message field, an unknown endpoint', () => {
    const get = createEndpoints();
    get.add({ name: 'ferris', version: 'v1' });
    @get.autoService
    class HelloService extends Service {
      @autoMethod({ httpMethod: 'GET', request: [PeopleMessage] })
      people() {}
    }
    assert.deepEqual(
      code(() => get.apis()),
      ['SB_DECL_SERVICE', 'HelloService.people: a GET method cannot take a request message'],
    );

    const field = createEndpoints();
    field.add({ name: 'ferris', version: 'v1' });
    @field.autoService
    class GreetService extends Service {
      @autoMethod({ request: [PeopleMessage], params: { people: [t.string()] } })
      people() {}
    }
    assert.deepEqual(
      code(() => field.apis()),
      ['SB_DECL_SERVICE', 'GreetService.people: the parameter "people" is also a field of the request message PeopleMessage'],
    );

    const unknown = createEndpoints();
    unknown.add({ name: 'ferris', version: 'v1' });
    @unknown.autoService({ endpoint: 'mobile' })
    class LostService extends Service {
      @autoMethod
      x() {}
    }
    assert.deepEqual(
      code(() => unknown.apis()),
      ['SB_DECL_UNKNOWN_ENDPOINT', 'LostService: there is no endpoint named mobile (known: ferris)'],
    );
    void [HelloService, GreetService, LostService];
  });

  it('refuses, at start-up, options it does not know and an auth level that is not one (a JavaScript service is not type-checked)', () => {
    const build = (service: Record<string, unknown>, method: Record<string, unknown>) => {
      const eps = createEndpoints();
      eps.add({ name: 'ferris', version: 'v1' });
      // As a .js service file would write them: no types to catch a Python spelling or a typo.
      const options = (o: Record<string, unknown>): ServiceOptions => o;
      const methodOptions = (o: Record<string, unknown>): AutoMethodOptions<Params, undefined, undefined> => o;
      @eps.autoService(options(service))
      class PostsService extends Service {
        @autoMethod(methodOptions(method))
        list() {}
      }
      void PostsService;
      return code(() => eps.apis({ auth: () => {} }));
    };
    assert.deepEqual(build({}, { http_method: 'GET' }), [
      'SB_DECL_SERVICE',
      'PostsService.list: unknown option "http_method" of @autoMethod; known: returns, name, httpMethod, path, params, request, doc, authLevel, scopes, allowedClientIds',
    ]);
    assert.deepEqual(build({ resource_name: 'x' }, {}), [
      'SB_DECL_SERVICE',
      'PostsService: unknown option "resource_name" of @autoService; known: name, endpoint, resourceName, path, doc, authLevel, scopes, allowedClientIds',
    ]);
    assert.deepEqual(build({}, { authLevel: 'REQUIRED' }), [
      'SB_DECL_SERVICE',
      'PostsService.list: authLevel "REQUIRED" is not one of required, optional, optional_continue, none',
    ]);
    assert.deepEqual(build({ authLevel: 'yes' }, {}), [
      'SB_DECL_SERVICE',
      'PostsService: authLevel "yes" is not one of required, optional, optional_continue, none',
    ]);
    assert.deepEqual(build({}, { scopes: 'email' }), ['SB_DECL_SERVICE', 'PostsService.list: scopes must be a list of strings']);
  });

  it('wants an auth step for an endpoint that authenticates', () => {
    const eps = createEndpoints();
    eps.add({ name: 'ferris', version: 'v1', auth_level: 'required' });
    @eps.autoService
    class PostsService extends Service {
      @autoMethod
      x() {}
    }
    void PostsService;
    assert.deepEqual(
      code(() => eps.apis()),
      ['SB_DECL_NO_AUTH_STEP', 'Endpoint ferris has auth_level required but is served without an auth step'],
    );
    assert.equal(eps.apis({ auth: () => {} }).length, 1);
  });

  it('refuses a class that does not extend Service', () => {
    const eps = createEndpoints();
    assert.throws(() => eps.autoService(class Plain {} as never), /must extend Service/);
  });
});

describe('handler arguments', () => {
  it('are typed from the (type, default) tuples and the request message; a mismatch does not compile', () => {
    const eps = createEndpoints();
    eps.add({ name: 'ferris', version: 'v1' });
    const params = { name: [t.string()], age: [t.integer(), 18] } as const;
    @eps.autoService
    class HelloService extends Service {
      @autoMethod({ returns: HelloMessage, params, request: [PeopleMessage] })
      age({ name, age, request }: MethodArgs<typeof params, typeof PeopleMessage>) {
        const n: string = name;
        const a: number = age;
        const p: string[] | undefined = request.people;
        return { greeting: `${n} ${a} ${p?.length}` };
      }
      // @ts-expect-error: age is an integer, not a string
      @autoMethod({ params: { age: [t.integer(), 18] } })
      wrong(_: { age: string }) {}
    }
    void HelloService;
    assert.equal(eps.apis()[0].name, 'ferris');
  });
});
