/**
 * The API the Ext Direct tests serve: WSME's persons demo plus functions that exercise what
 * the demo does not — positional notation, form handlers, an upload, nested controllers, a
 * function on the root, an int64, concurrency and a failing handler — and polled functions:
 * a finite stream with arguments and its own event name, a value per poll, a failing stream.
 */
import { ChangeBus } from '../../examples/persons/changes.ts';
import { type PersonChange, personController } from '../../examples/persons/person.ts';
import { ClientError, controller, expose, root, t } from '../../src/index.ts';

const Upload = t.complex('Upload', { title: t.string(), size: t.integer(), head: t.array(t.integer()) });
const Saved = t.complex('Saved', { success: t.boolean(), name: t.string(), age: t.integer() });

/**
 * A fresh API; `finished` records the order in which `math.slow` calls finish, `changes` is
 * the bus behind `person.watch` (its `size` counts open watches).
 */
export function extdirectRoot(finished: string[] = [], changes = new ChangeBus<PersonChange>()) {
  return root({
    webpath: 'ws',
    name: 'persons',
    controllers: {
      person: personController(undefined, changes),
      math: controller({
        add: expose(
          { args: { a: t.integer(), b: t.integer({ default: 0 }) }, returns: t.integer(), extra: { extdirect_params_notation: 'positional' } },
          ({ a, b }) => a + b,
        ),
        slow: expose({ args: { ms: t.integer(), tag: t.string() }, returns: t.string() }, async ({ ms, tag }) => {
          await new Promise((r) => setTimeout(r, ms));
          finished.push(tag);
          return tag;
        }),
        big: expose({ args: { n: t.int64() }, returns: t.int64() }, ({ n }) => n + 1n),
        boom: expose({ returns: t.string() }, () => {
          throw new Error('secret internals');
        }),
      }),
      files: controller({
        upload: expose({ args: { title: t.string(), file: t.binary() }, returns: Upload, extra: { extdirect_formhandler: true } }, ({ title, file }) => ({
          title,
          size: file.length,
          head: [...file.subarray(0, 4)],
        })),
        profile: expose({ args: { name: t.string(), age: t.integer() }, returns: Saved, extra: { extdirect_formhandler: true } }, ({ name, age }) => ({
          success: true,
          name,
          age,
        })),
      }),
      feed: controller({
        ticks: expose(
          { args: { n: t.integer(), from: t.integer({ default: 1 }) }, returns: t.integer(), extra: { extdirect_poll: 'tick' } },
          async function* ({ n, from }) {
            for (let i = from; i < from + n; i++) yield i;
          },
        ),
        clock: expose({ returns: t.string(), extra: { extdirect_poll: true } }, () => 'tick-tock'),
        failing: expose({ returns: t.integer(), extra: { extdirect_poll: true } }, async function* () {
          yield 1;
          throw new ClientError('the feed broke');
        }),
      }),
      nested: controller({ inner: controller({ ping: expose({ returns: t.string() }, () => 'pong') }) }),
      version: expose({ returns: t.string() }, () => '1.0'),
    },
  });
}
