/**
 * The explorer's development token: where an API's bearer step accepts the development key set
 * (`runtime/auth/dev.ts`, whose private key ships with the source, so anyone could sign such a
 * token anyway), the page may ask `<base>/explorer/token` for one holding every scope the API's
 * functions ask for. Never when `NODE_ENV=production`, whatever else is configured: a production
 * server that still accepts the development key is a mistake to fix, not to help along.
 */
import type { ControllerDef } from '../../api/controller.ts';
import { sbError } from '../../errors/index.ts';
import { devToken, usesDevKeys } from '../../runtime/auth/dev.ts';
import type { Api } from '../../runtime/compile.ts';

/** Whether a development token can be handed out for `api` here and now. */
export function offersDevToken(api: Api, env: string | undefined = process.env.NODE_ENV): boolean {
  if (env === 'production') return false;
  if (api.def.steps.some(usesDevKeys)) return true;
  const walk = (c: ControllerDef): boolean =>
    c.steps.some(usesDevKeys) || Object.values(c.members).some((m) => (m.kind === 'controller' ? walk(m) : m.steps.some(usesDevKeys)));
  return walk(api.def.tree);
}

/** `{"token": "…"}`: a development token for `api`, or 404 where none is offered. */
export async function devTokenJson(api: Api): Promise<string> {
  if (!offersDevToken(api)) throw sbError('SB_NOT_FOUND', { path: `${api.webpath}/explorer/token` });
  const scopes = new Set<string>();
  for (const fn of api.functions) for (const s of (fn.target.policy.scopes as readonly string[] | undefined) ?? []) scopes.add(s);
  const token = await devToken({ sub: 'explorer', email: 'explorer@example.com', scopes: [...scopes] });
  return JSON.stringify({ token });
}
