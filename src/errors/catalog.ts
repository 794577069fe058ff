/**
 * Every error the framework itself raises, by stable code. `docs/errors.md` documents each
 * code; a test checks the two agree. Templates use `{name}` placeholders.
 */
export const catalog = {
  SB_MISSING_ARGUMENT: { kind: 'client', template: 'Missing argument: "{name}"' },
  SB_UNKNOWN_ARGUMENT: { kind: 'client', template: 'Unknown argument: "{name}"' },
  SB_UNKNOWN_ATTRIBUTE: { kind: 'client', template: 'Unknown attribute for argument {name}: {attributes}' },
  SB_UNKNOWN_ATTRIBUTES: { kind: 'client', template: 'Unknown attributes for argument {name}: {attributes}' },
  SB_DUPLICATE_ARGUMENT: { kind: 'client', template: 'Parameter {name} was given several times' },
  SB_TOO_MANY_ARGUMENTS: { kind: 'client', template: 'Too many arguments: {function} takes at most {accepted}, {given} given' },
  SB_ARGUMENTS_NOT_OBJECT: { kind: 'client', template: '{function} takes its arguments as one object naming them' },
  SB_ARGUMENTS_NOT_LIST: { kind: 'client', template: '{function} takes its arguments as a list, in declaration order' },
  SB_INVALID_INPUT: {
    kind: 'client',
    template: "Invalid input for field/attribute {name}. Value: '{value}'. {reason}",
  },
  SB_INVALID_JSON: { kind: 'client', template: 'Request is not in valid JSON format' },
  SB_INVALID_XML: { kind: 'client', template: 'Request is not in valid XML format: {reason}' },
  SB_INVALID_REQUEST: { kind: 'client', template: 'Invalid request: {reason}' },
  SB_NOT_FOUND: { kind: 'not_found', template: 'No function at {path}' },
  SB_METHOD_NOT_ALLOWED: { kind: 'method_not_allowed', template: 'Method {method} is not allowed here; allowed: {allow}' },
  SB_NOT_ACCEPTABLE: {
    kind: 'not_acceptable',
    template: 'Cannot answer in any of the accepted types ({accept}); available: {available}',
  },
  SB_UNSUPPORTED_MEDIA_TYPE: {
    kind: 'unsupported_media_type',
    template: 'Cannot read a body of type {type}; accepted: {accepted}',
  },
  SB_BODY_TOO_LARGE: { kind: 'too_large', template: 'Request body is larger than the limit of {limit} bytes' },
  SB_UNAUTHORIZED: { kind: 'unauthorized', template: 'Authentication required' },
  SB_FORBIDDEN: { kind: 'forbidden', template: 'Not allowed: {reason}' },
  SB_CLIENT_ERROR: { kind: 'client', template: '{message}' },
  SB_SERVER_ERROR: { kind: 'server', template: 'Internal server error' },
  SB_INVALID_RESULT: { kind: 'server', template: 'The function returned an invalid value at {name}: {reason}' },
  SB_STREAM_NOT_CARRIED: { kind: 'client', template: '{name} streams its results, which {protocol} cannot carry' },
  SB_INVALID_FRAME: { kind: 'client', template: 'Invalid frame: {reason}' },
  SB_UNKNOWN_METHOD: { kind: 'not_found', template: 'Unknown method: {name}' },
  SB_TOO_MANY_CALLS: { kind: 'client', template: 'Too many calls in flight on this connection (limit {limit})' },
  SB_TOO_MANY_POLL_CLIENTS: { kind: 'client', template: 'Too many polling clients (limit {limit}); try again later' },
  SB_DUPLICATE_ID: { kind: 'client', template: 'A call with id {id} is already in flight' },
  SB_MISSING_ATTRIBUTE: { kind: 'client', template: 'Mandatory attribute missing: {name}' },
} as const satisfies Record<string, { kind: ErrorKind; template: string }>;

/** The error kinds of the runtime; each protocol maps them through `faultTable`. */
export type ErrorKind =
  | 'client'
  | 'not_found'
  | 'method_not_allowed'
  | 'not_acceptable'
  | 'unsupported_media_type'
  | 'too_large'
  | 'unauthorized'
  | 'forbidden'
  | 'conflict'
  | 'server';

export type ErrorCode = keyof typeof catalog;

/** Fills a catalogue template with its parameters. */
export function formatMessage(code: ErrorCode, params: Record<string, unknown>): string {
  return catalog[code].template.replace(/\{(\w+)\}/g, (_, key: string) => String(params[key] ?? ''));
}
