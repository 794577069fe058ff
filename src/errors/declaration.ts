/**
 * Errors found while declaring or compiling an API (a schema no codec carries, a binding that
 * does not fit, a handler missing): raised at start-up, never per request. Each has a stable
 * code and names the function and the place. `docs/errors.md` documents every code.
 */
export const declarationCatalog = {
  SB_DECL_UNSUPPORTED_SCHEMA: { template: '{function}: {place} has a schema no protocol can carry: {reason}' },
  SB_DECL_PATH_PARAMETER: { template: '{function}: the path {path} names {{name}}, which is not an argument' },
  SB_DECL_ARGUMENT_SOURCE: { template: '{function}: argument "{name}" {reason}' },
  SB_DECL_BAD_BINDING: { template: '{function}: {reason}' },
  SB_DECL_ROUTE_CONFLICT: { template: '{verb} {path} is answered by both {first} and {second}' },
  SB_DECL_MISSING_HANDLERS: { template: 'No handler for {count} declared function(s): {names}' },
  SB_DECL_UNKNOWN_HANDLER: { template: 'A handler was given for {name}, which the API does not declare' },
  SB_DECL_DUPLICATE_BASE_PATH: { template: 'Two APIs are served at the base path {path}: {first} and {second}' },
  SB_DECL_ENDPOINT_CONFIG: { template: '{file}:{line}: {field}: {reason}' },
  SB_DECL_DUPLICATE_ENDPOINT: { template: 'Two endpoints are named {name}: {first} and {second}' },
  SB_DECL_UNKNOWN_ENDPOINT: { template: '{service}: there is no endpoint named {name} (known: {known})' },
  SB_DECL_SERVICE: { template: '{service}: {reason}' },
  SB_DECL_DISCOVERY: { template: '{file}: {reason}' },
  SB_DECL_NO_AUTH_STEP: { template: 'Endpoint {name} has auth_level {level} but is served without an auth step' },
  SB_DECL_RESOURCE_SCHEMA: { template: 'The resource schema cannot be stored: {reason}' },
  SB_DECL_DESTRUCTIVE_MIGRATION: { template: 'The table {table} would lose data ({changes}); pass allowDestructive to migrate it' },
  SB_DECL_UNREPRESENTABLE_SCHEMA: { template: '{function}: {place} is a {vendor} schema Switchboard cannot represent: {construct}' },
} as const satisfies Record<string, { template: string }>;

export type DeclarationCode = keyof typeof declarationCatalog;

/** An API that cannot be served as declared. Thrown at start-up. */
export class DeclarationError extends Error {
  readonly code: DeclarationCode;
  readonly params: Record<string, unknown>;

  constructor(code: DeclarationCode, params: Record<string, unknown>) {
    super(declarationCatalog[code].template.replace(/\{(\w+)\}/g, (_, key: string) => String(params[key] ?? '')));
    this.name = 'DeclarationError';
    this.code = code;
    this.params = params;
  }
}

/** Raises a catalogued declaration error. */
export function declarationError(code: DeclarationCode, params: Record<string, unknown>): DeclarationError {
  return new DeclarationError(code, params);
}
