/** A module for `switchboard serve` in the CLI tests: a quick function and a slow one. */
import { controller, expose, root, t } from '../../src/index.ts';

export default root({
  webpath: 'cli',
  name: 'cli-test',
  controllers: {
    t: controller({
      hello: expose({ args: { who: t.string({ default: 'world' }) }, returns: t.string() }, ({ who }) => `hello ${who}`),
      // Tells the test (on stderr) that it started, then takes `ms` to answer.
      slow: expose({ args: { ms: t.integer({ maximum: 10_000 }) }, returns: t.string() }, async ({ ms }) => {
        process.stderr.write('slow started\n');
        await new Promise((resolve) => setTimeout(resolve, ms));
        return 'done';
      }),
      boom: expose({}, () => {
        throw new Error('kaput');
      }),
    }),
  },
});
