/** A module whose default export is a list of APIs: `switchboard serve` serves them all on one port. */
import { api, controller, expose, t } from '../../src/index.ts';

const hello = (who: string) => controller({ hello: expose({ returns: t.string() }, () => `hello from ${who}`) });

export default [
  api({ name: 'one', version: 'v1', basePath: '/one/v1', controllers: { greet: hello('one') } }),
  api({ name: 'two', basePath: '/two', controllers: { greet: hello('two') } }),
];
