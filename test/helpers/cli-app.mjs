// A plain JavaScript module for `switchboard serve`, built against the package (dist/).
import { controller, expose, root, t } from 'switchboard';

export const root_ = root({
  webpath: 'js',
  name: 'js-test',
  controllers: { t: controller({ twice: expose({ args: { n: t.integer() }, returns: t.integer() }, ({ n }) => n * 2) }) },
});
export { root_ as root };
