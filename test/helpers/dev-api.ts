/**
 * An API behind the bearer step with the development key set (`devIssuer()`): what
 * `switchboard serve` of an endpoint does without `SWITCHBOARD_AUTH_*`, where the explorer
 * offers a development token.
 */
import { api, bearerAuth, controller, devIssuer, expose, t } from '../../src/index.ts';

export function devSecuredApi() {
  return api({
    name: 'secured',
    version: 'v1',
    basePath: '/secured/v1',
    doc: 'Behind the development key set.',
    policy: { authLevel: 'required', scopes: ['https://www.googleapis.com/auth/userinfo.email'] },
    steps: [bearerAuth({ issuers: [devIssuer()] })],
    controllers: {
      me: controller({
        whoami: expose({ returns: t.string(), doc: 'Who the token says you are.' }, (_args, ctx) => ctx.principal?.subject ?? '(nobody)'),
      }),
    },
  });
}
