import { ECHO_LIMIT, MESSAGE_LIMIT, PROSE_LIMIT, echo } from './echo.ts';
import type { ErrorKind } from './kinds.ts';

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
  SB_BAD_ENCODING: { kind: 'client', template: 'Invalid request: badly encoded parameter {part}' },
  SB_PARAMETER_SHAPE: { kind: 'client', template: 'Invalid request: parameter {name} is both a value and a structure' },
  SB_BAD_MULTIPART: { kind: 'client', template: 'Invalid request: malformed multipart body: {reason}' },
  SB_BODY_ENDED_EARLY: { kind: 'client', template: 'Invalid request: the request body ended early' },
  SB_UNKNOWN_PROTOCOL: { kind: 'client', template: 'Invalid request: unknown protocol {name}; known: {known}' },
  SB_UNKNOWN_CHARSET: { kind: 'client', template: 'Invalid request: unknown charset {charset}' },
  SB_EMPTY_BATCH: { kind: 'client', template: 'Invalid request: an empty batch' },
  SB_BATCH_TOO_LARGE: { kind: 'client', template: 'Invalid request: a batch of {count} calls is over the limit of {limit}' },
  SB_SOAP_NOT_ENVELOPE: { kind: 'client', template: 'Invalid request: the root element is <{element}>, not a SOAP Envelope' },
  SB_SOAP_VERSION_MISMATCH: { kind: 'client', template: 'Invalid request: {envelope} was sent as SOAP {version} ({type})' },
  SB_SOAP_MUST_UNDERSTAND: { kind: 'client', template: 'Invalid request: the header block {header} must be understood, and is not' },
  SB_SOAP_NO_BODY: { kind: 'client', template: 'Invalid request: the SOAP envelope has no Body' },
  SB_SOAP_EMPTY_BODY: { kind: 'client', template: 'Invalid request: the SOAP Body is empty; it should hold the operation element' },
  SB_SOAP_UNKNOWN_OPERATION: { kind: 'not_found', template: 'Invalid request: unknown operation {operation}; operations in {namespace}: {known}' },
  SB_SOAP_ACTION_MISMATCH: {
    kind: 'client',
    template: 'Invalid request: the action "{action}" does not match the operation {operation} in the Body',
  },
  SB_EXTDIRECT_NOT_A_FORM: {
    kind: 'client',
    template: 'Invalid request: a form post to the Ext Direct router needs extAction, extMethod and extTID',
  },
  SB_EXTDIRECT_CALL_NOT_OBJECT: { kind: 'client', template: 'Invalid request: a call must be an object' },
  SB_EXTDIRECT_CALL_TYPE: { kind: 'client', template: 'Invalid request: a call must have type "rpc"' },
  SB_EXTDIRECT_FORM_TYPE: { kind: 'client', template: 'Invalid request: extType must be "rpc"' },
  SB_EXTDIRECT_NO_TID: { kind: 'client', template: 'Invalid request: a call needs a tid' },
  SB_EXTDIRECT_FORM_NO_TID: { kind: 'client', template: 'Invalid request: a form post needs extTID' },
  SB_EXTDIRECT_NO_ACTION: { kind: 'client', template: 'Invalid request: a call needs an action and a method' },
  SB_JSONRPC_NOT_OBJECT: { kind: 'client', template: 'Invalid request: a request must be an object' },
  SB_JSONRPC_BAD_ID: { kind: 'client', template: 'Invalid request: "id" must be a string, a number or null' },
  SB_JSONRPC_BAD_VERSION: { kind: 'client', template: 'Invalid request: "jsonrpc" must be "2.0"' },
  SB_JSONRPC_BAD_METHOD: { kind: 'client', template: 'Invalid request: "method" must be a string' },
  SB_JSONRPC_BAD_PARAMS: { kind: 'client', template: 'Invalid request: "params" must be an array or an object' },
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
  SB_UNAUTHENTICATED: { kind: 'unauthenticated', template: 'Authentication required' },
  SB_FORBIDDEN: { kind: 'forbidden', template: 'Not allowed: {reason}' },
  SB_CONFLICT: { kind: 'conflict', template: 'Conflict with the current state of {target}: {reason}' },
  SB_PRECONDITION_FAILED: { kind: 'precondition_failed', template: 'Precondition failed: {target} does not match {condition}' },
  SB_TOO_MANY_REQUESTS: { kind: 'too_many_requests', template: 'Too many requests (limit {limit} per {window}); try again later' },
  SB_CLIENT_ERROR: { kind: 'client', template: '{message}' },
  SB_SERVER_ERROR: { kind: 'server', template: 'Internal server error' },
  SB_INVALID_RESULT: { kind: 'server', template: 'The function returned an invalid value at {name}: {reason}' },
  SB_STREAM_NOT_CARRIED: { kind: 'client', template: '{name} streams its results, which {protocol} cannot carry' },
  SB_INVALID_FRAME: { kind: 'client', template: 'Invalid frame: {reason}' },
  SB_UNKNOWN_METHOD: { kind: 'not_found', template: 'Unknown method: {name}' },
  SB_TOO_MANY_CALLS: { kind: 'too_many_requests', template: 'Too many calls in flight on this connection (limit {limit})' },
  SB_TOO_MANY_POLL_CLIENTS: { kind: 'too_many_requests', template: 'Too many polling clients (limit {limit}); try again later' },
  SB_DUPLICATE_ID: { kind: 'client', template: 'A call with id {id} is already in flight' },
  SB_MISSING_ATTRIBUTE: { kind: 'client', template: 'Mandatory attribute missing: {name}' },
  SB_TOO_MANY_STREAMS: { kind: 'too_many_requests', template: 'Too many open streams (limit {limit}); try again later' },
  SB_STREAM_BUFFERS_FULL: { kind: 'too_many_requests', template: 'The server holds its limit of {limit} bytes for slow streams; try again later' },
  SB_STREAM_TOO_SLOW: { kind: 'too_many_requests', template: 'The stream was ended: its client fell behind by more than {limit}' },
  SB_UNDECLARED_STATUS: { kind: 'server', template: '{name} answered {status}, a status its declaration does not list ({declared})' },
  SB_INVALID_TOKEN: { kind: 'unauthenticated', template: 'Invalid token: {reason}' },
  SB_INSUFFICIENT_SCOPE: { kind: 'forbidden', template: 'The token has none of the scopes this call needs: {scopes}' },
  SB_CLIENT_NOT_ALLOWED: { kind: 'forbidden', template: 'The client {client} is not allowed to call this endpoint' },
  SB_RECORD_NOT_FOUND: { kind: 'not_found', template: 'Not found: no {resource} with {key} {id}' },
  SB_BAD_QUERY: { kind: 'client', template: 'Invalid query: {reason}' },
  SB_BAD_TEXT_ENCODING: { kind: 'client', template: 'Invalid request: the body is not valid {encoding}' },
  SB_SOAP_BAD_ENVELOPE: { kind: 'client', template: 'Invalid request: the SOAP envelope {problem}' },
  SB_REDIRECT: { kind: 'client', template: '{status} {reason}: {where}' },
  SB_STORE_UNAVAILABLE: { kind: 'server', template: 'The database connection was lost during the call ({reason}); try again' },
  SB_BAD_FIELD_SELECTION: { kind: 'client', template: 'Invalid field selection: {reason}' },
} as const satisfies Record<string, { kind: ErrorKind; template: string }>;

export type ErrorCode = keyof typeof catalog;

/**
 * Parameters the framework writes itself (reasons, lists of what is known or accepted, its own
 * names): bounded as prose. Every other parameter echoes the request and is cut far shorter.
 */
const PROSE = new Set(['reason', 'known', 'accepted', 'available', 'allow', 'attributes', 'message', 'function', 'namespace', 'envelope', 'problem']);

/**
 * Fills a catalogue template with its parameters. What a parameter echoes of the request is
 * cut (see `echo.ts`), and so is the whole message: a fault stays small whatever it was sent.
 */
export function formatMessage(code: ErrorCode, params: Record<string, unknown>): string {
  const text = catalog[code].template.replace(/\{(\w+)\}/g, (_, key: string) => echo(String(params[key] ?? ''), PROSE.has(key) ? PROSE_LIMIT : ECHO_LIMIT));
  return echo(text, MESSAGE_LIMIT);
}
