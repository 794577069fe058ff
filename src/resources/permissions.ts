/**
 * Permissions of a resource, DRF's two questions: may this caller take this action at all
 * (`allows`, run as a call step before the handler), and may it touch this record (`allowsObject`,
 * asked once the record is read; a record it may not read is not found to it). Composable with
 * `allOf`, `anyOf` and `not`; refused → 403 (401 when nobody is authenticated) in every protocol.
 */
import type { CallContext, Principal, StepContext } from '../api/context.ts';
import type { CallStep } from '../api/steps.ts';
import { sbError } from '../errors/index.ts';
import type { Row } from './store.ts';

/** The actions of a resource; custom methods are named by their own names. */
export type Action = 'create' | 'retrieve' | 'update' | 'patch' | 'list' | 'delete' | 'subscribe' | (string & {});

type Verdict = boolean | Promise<boolean>;

export interface Permission {
  /** May the caller take `action`? Default: yes. */
  allows?(principal: Principal | undefined, action: Action, ctx: CallContext): Verdict;
  /** May the caller take `action` on this record? Default: yes. */
  allowsObject?(principal: Principal | undefined, record: Row, action: Action, ctx: CallContext): Verdict;
}

const yes = () => true;

/** Everyone, everything. */
export const allowAny: Permission = { allows: yes, allowsObject: yes };

/** Only an authenticated caller (a call step set `ctx.principal`). */
export const isAuthenticated: Permission = { allows: (p) => p !== undefined };

/** Writes only for an authenticated caller; reads (retrieve, list, subscribe) for anyone. */
export const isAuthenticatedOrReadOnly: Permission = {
  allows: (p, action) => p !== undefined || action === 'retrieve' || action === 'list' || action === 'subscribe',
};

/** The record's `field` must be the caller's subject (an owner's field). */
export function isOwner(field: string): Permission {
  return { allows: (p) => p !== undefined, allowsObject: (p, record) => p?.subject !== undefined && record[field] === p.subject };
}

async function every(ps: readonly Permission[], ask: (p: Permission) => Verdict | undefined): Promise<boolean> {
  for (const p of ps) if ((await ask(p)) === false) return false;
  return true;
}

async function some(ps: readonly Permission[], ask: (p: Permission) => Verdict | undefined): Promise<boolean> {
  for (const p of ps) if ((await ask(p)) !== false) return true;
  return false;
}

/** Allowed when every one allows. */
export function allOf(...ps: Permission[]): Permission {
  return {
    allows: (pr, a, ctx) => every(ps, (p) => p.allows?.(pr, a, ctx)),
    allowsObject: (pr, r, a, ctx) => every(ps, (p) => p.allowsObject?.(pr, r, a, ctx)),
  };
}

/** Allowed when one at least allows (for records: one that allows the action allows the record). */
export function anyOf(...ps: Permission[]): Permission {
  return {
    allows: (pr, a, ctx) => some(ps, (p) => p.allows?.(pr, a, ctx)),
    allowsObject: (pr, r, a, ctx) => some(ps, async (p) => (await (p.allows?.(pr, a, ctx) ?? true)) && (p.allowsObject?.(pr, r, a, ctx) ?? true)),
  };
}

/** Allowed when `p` does not allow. */
export function not(p: Permission): Permission {
  return {
    allows: async (pr, a, ctx) => !(await (p.allows?.(pr, a, ctx) ?? true)),
    allowsObject: async (pr, r, a, ctx) => !(await (p.allowsObject?.(pr, r, a, ctx) ?? true)),
  };
}

function refuse(principal: Principal | undefined, what: string): Error {
  return principal === undefined ? sbError('SB_UNAUTHENTICATED') : sbError('SB_FORBIDDEN', { reason: what });
}

/** The call step asking `allows` for an action. */
export function permissionStep(p: Permission, action: Action, resource: string): CallStep {
  return async (ctx: StepContext) => {
    if (p.allows && !(await p.allows(ctx.principal, action, ctx))) throw refuse(ctx.principal, `${action} on ${resource}`);
  };
}

/** Asks `allowsObject`; true when allowed. */
export async function mayTouch(p: Permission | undefined, record: Row, action: Action, ctx: CallContext): Promise<boolean> {
  return !p?.allowsObject || (await p.allowsObject(ctx.principal, record, action, ctx));
}

/** Refuses unless `allowsObject` allows (a record the caller may read but not change: 403). */
export async function checkObject(p: Permission | undefined, record: Row, action: Action, ctx: CallContext, resource: string): Promise<void> {
  if (!(await mayTouch(p, record, action, ctx))) throw refuse(ctx.principal, `${action} on this ${resource}`);
}
