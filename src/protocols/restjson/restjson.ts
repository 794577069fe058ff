/**
 * REST+JSON (`restjson`), WSME's JSON codec of the REST protocol: JSON bodies naming the
 * arguments, results as JSON, `{"faultcode", "faultstring", "debuginfo", "code"}` faults.
 */
import { fieldsJson, listedFields } from '../../errors/fields.ts';
import { type SwitchboardError, debugInfo, sbError } from '../../errors/index.ts';
import { shapeOf } from '../../schema/describe.ts';
import { jsonEncoder } from '../../schema/json.ts';
import { holdsInt64 } from '../../schema/int64.ts';
import { parseJson } from '../../schema/jsontext.ts';
import { int64Wire } from '../endpoints-wire.ts';
import type { Protocol } from '../protocol.ts';
import type { RestFormat } from '../rest/format.ts';
import { restFaults } from '../rest/faults.ts';
import { restProtocol } from '../rest/protocol.ts';

export interface RestJsonOptions {
  /** Wrap results as `{"result": …}` (WSME's `nest_result`). */
  nest_result?: boolean;
}

const JSON_TYPES = ['application/json', 'text/javascript'] as const;

/** The REST+JSON codec of the REST protocol. */
export function jsonFormat(options: RestJsonOptions = {}): RestFormat {
  return {
    name: 'restjson',
    suffix: '.json',
    consumes: JSON_TYPES,
    produces: JSON_TYPES,
    contentType: 'application/json; charset=utf-8',
    codec: 'json',
    nestResult: options.nest_result === true,
    parser(fn) {
      // Decided once per function: exact int64 parsing.
      const big = fn.args.some((a) => holdsInt64(a.schema));
      return (text) => parseJson(text, big);
    },
    members(value, fn, each) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw sbError('SB_ARGUMENTS_NOT_OBJECT', { function: fn.name });
      for (const key in value) if (Object.hasOwn(value, key)) each(key, (value as Record<string, unknown>)[key]);
    },
    resultEncoder(fn, api) {
      const encode = jsonEncoder(fn.returns, int64Wire(api));
      return options.nest_result ? (v) => `{"result":${encode(v)}}` : encode;
    },
    listItemEncoder(fn, api) {
      // WSME's nested result wraps the list: written whole.
      if (options.nest_result || fn.returns === undefined) return undefined;
      const shape = shapeOf(fn.returns);
      return shape.k === 'array' ? jsonEncoder(shape.items, int64Wire(api)) : undefined;
    },
    encodeFault: encodeJsonFault,
  };
}

/** The REST protocol answering in JSON only (combined with `restxml()` into one REST protocol by `createApp`). */
export function restjson(options: RestJsonOptions = {}): Protocol {
  return restProtocol([jsonFormat(options)]);
}

/**
 * WSME's JSON fault document, then the stable error `code` and, for a validation fault, its
 * `fields` (`[{"path","message"}]`, the first 20). WSME's members come first and keep their
 * meaning, so WSME clients read it as before.
 */
export function encodeJsonFault(err: SwitchboardError, debug: boolean): string {
  const faultcode = restFaults[err.kind].faultcode;
  const info = debug ? JSON.stringify(debugInfo(err)) : 'null';
  const fields = listedFields(err);
  const more = fields ? `,"fields":${fieldsJson(fields)}` : '';
  return `{"faultcode":"${faultcode}","faultstring":${JSON.stringify(err.message)},"debuginfo":${info},"code":${JSON.stringify(err.code)}${more}}`;
}
