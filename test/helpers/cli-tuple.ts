/** A module whose API cannot be served: an argument's schema holds a tuple (no codec carries one). */
import { Type } from '@sinclair/typebox';
import { controller, expose, root, t } from '../../src/index.ts';

const Pair = t.complex('Pair', { points: Type.Tuple([t.integer(), t.integer()]) });

export default root({
  webpath: 'x',
  controllers: { geo: controller({ place: expose({ args: { at: Pair } }, () => undefined) }) },
});
