export { bearerAuth } from './bearer.ts';
export { bearerToken } from './token.ts';
export { principalOf } from './verifier.ts';
export { type BearerOptions, type IssuerOptions, API_EXPLORER_CLIENT_ID, USERINFO_EMAIL, DEFAULT_SCOPE_ALIASES, ASYMMETRIC_ALGORITHMS } from './options.ts';
export { authFromEnv, devIssuer, devToken, usesDevKeys, DEV_ISSUER, DEV_AUDIENCE, type DevTokenOptions, type EnvAuth } from './dev.ts';
