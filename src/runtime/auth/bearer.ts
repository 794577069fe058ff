/**
 * `bearerAuth`: the authentication step of endpoints, as Cloud Endpoints defines its levels.
 * It reads the function's policy (`authLevel`, `scopes`, `allowedClientIds`, `issuers`, merged
 * from the endpoint, the service and the method):
 * - `required`: no token or an invalid one is 401 with an RFC 6750 challenge;
 * - `optional`: the handler runs without a principal when no token is sent; an invalid token is 401;
 * - `optional_continue`: an invalid (or insufficient) token is treated as no token;
 * - `none`: tokens are not read.
 * A valid token must hold one of the scopes (403 `insufficient_scope`) and have been issued to
 * an allowed client (403). A cached token is checked synchronously: no promise on the hot path.
 * On a WebSocket it also judges the handshake (`handshake`): a token that does not verify is
 * refused there with 401 when every function of the socket's API would refuse it.
 */
import type { Principal, StepContext } from '../../api/context.ts';
import type { RequestInfo } from '../../api/context.ts';
import type { CallStep, HandshakeCheck, Policy, StepTarget } from '../../api/steps.ts';
import type { AuthLevel, IssuerConfig } from '../../api/endpoints/config.ts';
import { type SwitchboardError, sbError } from '../../errors/index.ts';
import { API_EXPLORER_CLIENT_ID, ASYMMETRIC_ALGORITHMS, type BearerOptions, DEFAULT_SCOPE_ALIASES, type IssuerOptions } from './options.ts';
import { markDevKeys } from './dev.ts';
import { bearerToken } from './token.ts';
import { TokenRefused, Verifier, type VerifierSettings } from './verifier.ts';

/** What the step works out once per policy (per function, since policies are frozen per function). */
interface Plan {
  readonly level: AuthLevel;
  readonly verifier: Verifier;
  /** Accepted scopes, aliases expanded; undefined: any. */
  readonly scopes: ReadonlySet<string> | undefined;
  readonly scopeList: string;
  readonly clients: ReadonlySet<string> | undefined;
  readonly realm: string;
  /** Principals already found to hold a scope and a client allowed here: checked once per token. */
  readonly admitted: WeakSet<Principal>;
}

/**
 * The bearer-token step. Give it to an endpoint registry (`endpoints.apis({ auth })`) or to any
 * API's `steps`, whose policy then says what it requires.
 *
 * @example
 * const auth = bearerAuth({ issuers: [{ issuer: 'https://id.example', audiences: ['my-api'], jwksUrl: 'https://id.example/jwks' }] });
 */
export function bearerAuth(options: BearerOptions): CallStep {
  const algorithms = options.algorithms ?? ASYMMETRIC_ALGORITHMS;
  const hmac = algorithms.find((a) => /^HS/i.test(a) || a === 'none');
  if (hmac) throw new TypeError(`bearerAuth: ${hmac} is not accepted: public keys cannot check HMAC tokens, and none checks nothing`);
  const tolerance = options.clockToleranceSeconds ?? 60;
  if (!(tolerance >= 0 && tolerance <= 300)) throw new TypeError('bearerAuth: clockToleranceSeconds must be from 0 to 300');
  const settings: VerifierSettings = {
    algorithms,
    clockTolerance: tolerance,
    cacheSize: options.cacheSize ?? 10_000,
    cooldownMs: options.jwksCooldownMs ?? 30_000,
    maxAgeMs: options.jwksMaxAgeMs ?? 600_000,
  };
  const fallback = new Verifier(options.issuers, settings);
  // Endpoints naming their own issuers share a verifier per configuration object.
  const own = new WeakMap<object, Verifier>();
  const aliases = options.scopeAliases ?? DEFAULT_SCOPE_ALIASES;
  const explorer = options.explorerClientId ?? API_EXPLORER_CLIENT_ID;
  const plans = new WeakMap<Policy, Plan>();

  const planOf = (policy: Policy, api: string): Plan => {
    let plan = plans.get(policy);
    if (plan) return plan;
    const issuers = policy.issuers as Readonly<Record<string, IssuerConfig>> | undefined;
    let verifier = fallback;
    if (issuers) {
      verifier = own.get(issuers) ?? new Verifier(Object.values(issuers).map(issuerOptions), settings);
      own.set(issuers, verifier);
    }
    const scopes = policy.scopes as readonly string[] | undefined;
    const clients = policy.allowedClientIds as readonly string[] | undefined;
    plan = {
      level: (policy.authLevel as AuthLevel | undefined) ?? 'none',
      verifier,
      scopes: scopes && scopes.length > 0 ? new Set(scopes.flatMap((s) => aliases[s] ?? [s])) : undefined,
      scopeList: (scopes ?? []).flatMap((s) => aliases[s]?.[0] ?? s).join(' '),
      clients: clients && clients.length > 0 ? new Set(clients.map((c) => (c === 'API_EXPLORER_CLIENT_ID' ? explorer : c))) : undefined,
      realm: options.realm ?? api,
      admitted: new WeakSet(),
    };
    plans.set(policy, plan);
    return plan;
  };

  /** Per socket API (its targets): the verifiers whose refusal refuses the socket, or none when some function takes any token. */
  const gates = new WeakMap<readonly StepTarget[], Gate | null>();
  const gateOf = (targets: readonly StepTarget[]): Gate | null => {
    let gate = gates.get(targets);
    if (gate !== undefined) return gate;
    const plans = targets.map((t) => planOf(t.policy, t.api.name));
    // `none` does not read a token and `optional_continue` takes a bad one as none: a call may pass.
    const strict = plans.length > 0 && plans.every((p) => p.level === 'required' || p.level === 'optional');
    gate = strict ? { verifiers: [...new Set(plans.map((p) => p.verifier))], realm: plans[0]!.realm } : null;
    gates.set(targets, gate);
    return gate;
  };
  const handshake: HandshakeCheck = (request, targets) => {
    const gate = gateOf(targets);
    if (gate === null) return;
    return checkHandshake(gate, request);
  };

  const step = (ctx: StepContext, _args: Readonly<Record<string, unknown>>, target: StepTarget): void | Promise<void> => {
    const plan = planOf(target.policy, target.api.name);
    if (plan.level === 'none') return;
    const token = bearerToken(ctx.request);
    if (token === undefined) {
      if (plan.level === 'required') throw sbError('SB_UNAUTHENTICATED', {}, undefined, { challenge: `Bearer realm="${plan.realm}"` });
      return;
    }
    if (token === null) return refuse(plan, 'The Authorization header is not a bearer token');
    const hit = plan.verifier.cached(token);
    if (hit) return admit(ctx, plan, hit);
    return plan.verifier.verify(token).then(
      (principal) => admit(ctx, plan, principal),
      (err: unknown) => {
        if (err instanceof TokenRefused) return refuse(plan, err.message);
        throw err;
      },
    );
  };
  // The explorer offers a development token only where one would be accepted.
  return markDevKeys(Object.assign(step, { handshake }), options.issuers);
}

/** A socket API whose every function refuses a token that does not verify. */
interface Gate {
  /** Its functions' verifiers (one, unless its services name issuers of their own). */
  readonly verifiers: readonly Verifier[];
  readonly realm: string;
}

/**
 * The handshake's token, if any, must verify with one of the gate's verifiers. No token is let
 * in: a seed-form frame may carry its own `Authorization`, and each call is refused (401) anyway.
 * Scopes and client ids are the calls' to check (they differ per function).
 */
function checkHandshake(gate: Gate, request: RequestInfo): void | Promise<void> {
  const token = bearerToken(request);
  if (token === undefined) return;
  if (token === null) throw invalidToken(gate.realm, 'The Authorization header is not a bearer token');
  if (gate.verifiers.some((v) => v.cached(token) !== undefined)) return;
  const attempt = async (): Promise<void> => {
    let first: string | undefined;
    for (const v of gate.verifiers) {
      try {
        await v.verify(token);
        return;
      } catch (err) {
        if (!(err instanceof TokenRefused)) throw err;
        first ??= err.message;
      }
    }
    throw invalidToken(gate.realm, first ?? 'The token is not valid');
  };
  return attempt();
}

function refuse(plan: Plan, reason: string): void {
  if (plan.level === 'optional_continue') return;
  throw invalidToken(plan.realm, reason);
}

/** 401 `SB_INVALID_TOKEN` with RFC 6750's challenge. */
function invalidToken(realm: string, reason: string): SwitchboardError {
  const description = reason.replace(/["\\]/g, '');
  return sbError('SB_INVALID_TOKEN', { reason }, undefined, {
    challenge: `Bearer realm="${realm}", error="invalid_token", error_description="${description}"`,
  });
}

function admit(ctx: StepContext, plan: Plan, p: Principal): void {
  if (plan.admitted.has(p)) {
    ctx.principal = p;
    return;
  }
  if (plan.scopes && !p.scopes?.some((s) => plan.scopes!.has(s))) {
    if (plan.level === 'optional_continue') return;
    throw sbError('SB_INSUFFICIENT_SCOPE', { scopes: plan.scopeList }, undefined, {
      challenge: `Bearer realm="${plan.realm}", error="insufficient_scope", scope="${plan.scopeList}"`,
    });
  }
  if (plan.clients && (p.clientId === undefined || !plan.clients.has(p.clientId))) {
    if (plan.level === 'optional_continue') return;
    throw sbError('SB_CLIENT_NOT_ALLOWED', { client: p.clientId ?? '(none)' });
  }
  plan.admitted.add(p);
  ctx.principal = p;
}

/** An issuer of an endpoint's YAML, as the verifier takes it: its JWKS URL or its local key set. */
function issuerOptions(c: IssuerConfig): IssuerOptions {
  return c.jwks !== undefined ? { issuer: c.issuer, audiences: c.audiences, keys: c.jwks } : { issuer: c.issuer, audiences: c.audiences, jwksUrl: c.jwks_uri };
}
