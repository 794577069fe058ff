/**
 * What the REST wire of an API served where Cloud Endpoints serves them (below `/_ah/api/`, the
 * APIs the discovery service describes) does as Google's APIs do, so that document and wire agree:
 * - int64 travels as a JSON string (`"9007199254740993"`), as the discovery document says
 *   (`type: string, format: int64`): a JavaScript client would round a number above 2^53.
 *   Requests are read either way. Other APIs send numbers, as WSME does.
 * - Google's standard query parameters (`alt`, `fields`, `key`, `prettyPrint`, `quotaUser`,
 *   `userIp`), which discovery clients may add to any call, are accepted unless a function
 *   declares an argument of that name; `fields` (a partial response) and `prettyPrint` shape
 *   the JSON answer (`rest/partial.ts`), the others are ignored.
 */
import type { Api } from '../runtime/compile.ts';
import type { Int64Wire } from '../schema/json.ts';

/** Where Cloud Endpoints serves its APIs, below the server's root. */
export const ENDPOINTS_ROOT = '/_ah/api';

/** Google's standard query parameters, as its discovery documents declare them. */
export const STANDARD_PARAMETERS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  alt: {
    type: 'string',
    description: 'Data format for the response.',
    default: 'json',
    enum: ['json'],
    enumDescriptions: ['Responses with Content-Type of application/json'],
    location: 'query',
  },
  fields: { type: 'string', description: 'Selector specifying which fields to include in a partial response.', location: 'query' },
  key: {
    type: 'string',
    description:
      'API key. Your API key identifies your project and provides you with API access, quota, and reports. Required unless you provide an OAuth 2.0 token.',
    location: 'query',
  },
  // Google's own default is true; here answers are compact unless asked (the document says what the server does).
  prettyPrint: { type: 'boolean', description: 'Returns response with indentations and line breaks.', default: 'false', location: 'query' },
  quotaUser: {
    type: 'string',
    description: 'An opaque string that represents a user for quota purposes. Must not exceed 40 characters.',
    location: 'query',
  },
  userIp: { type: 'string', description: 'Deprecated. Please use quotaUser instead.', location: 'query' },
};

/** True for an API served below `/_ah/api/`, whose wire is Google's. */
export function googleWire(api: Api): boolean {
  return api.webpath.startsWith(`${ENDPOINTS_ROOT}/`);
}

/** How the API's REST+JSON wire carries int64. */
export function int64Wire(api: Api): Int64Wire {
  return googleWire(api) ? 'string' : 'number';
}

/** The query keys REST ignores for this API when no argument has them. */
export function ignoredQueryKeys(api: Api): ReadonlySet<string> | undefined {
  return googleWire(api) ? IGNORED : undefined;
}

const IGNORED: ReadonlySet<string> = new Set(Object.keys(STANDARD_PARAMETERS));
