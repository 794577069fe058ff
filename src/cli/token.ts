/** `switchboard token`: prints a development token (see `runtime/auth/dev.ts`). */
import { devToken } from '../runtime/auth/dev.ts';
import type { CliArgs } from './args.ts';

export async function printToken(o: NonNullable<CliArgs['token']>): Promise<number> {
  process.stdout.write(`${await devToken({ sub: o.sub, scopes: o.scopes, clientId: o.clientId, ttl: o.ttl })}\n`);
  return 0;
}
