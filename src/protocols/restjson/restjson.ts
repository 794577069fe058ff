
import { fieldsJson, listedFields } from '../../errors/fields.ts';
import { type SwitchboardError, debugInfo, sbError } from '../../errors/index.ts';
import { jsonDecoder, jsonEncoder } from '../../schema/json.ts';
import { holdsInt64 } from '../../schema/int64.ts';
import { parseJson } from '../../schema/jsontext.ts';
import type { Protocol } from '../protocol.ts';
import { restFaults } from '../rest/faults.ts';
import { restProtocol } from '../rest/protocol.ts';

export interface RestJsonOptions {
  /** Wrap results as `{"result": …}` (WSME's `nest_result`). */
  nest_result?: boolean;
}

const JSON_TYPES = ['application/json', 'text/javascript'] as const;

/** The REST+JSON protocol. */
export function restjson(options: RestJsonOptions = {}): Protocol {
  return restProtocol({
    name: 'restjson',
    suffix: '.json',
    consumes: JSON_TYPES,
    produces: JSON_TYPES,
    contentType: 'application/json; charset=utf-8',
    isDefault: true,
    bodyReader(fn, bodyArg) {
      // Decided once per function: exact int64 parsing, each argument's decoder.
      const big = fn.args.some((a) => holdsInt64(a.schema));
      if (bodyArg) {
        const decode = jsonDecoder(bodyArg.schema);
        return (text) => ({ [bodyArg.name]: decode(parseJson(text, big), bodyArg.name) });
      }
      const decoders = new Map(fn.args.map((a) => [a.name, { name: a.name, decode: jsonDecoder(a.schema) }]));
      return (text) => {
        const value = parseJson(text, big);
        if (typeof value !== 'object' || value === null || Array.isArray(value)) {
          throw sbError('SB_INVALID_REQUEST', { reason: 'the JSON body must be an object naming the arguments' });
        }
        const args: Record<string, unknown> = {};
        for (const key in value) {
          const arg = decoders.get(key);
          if (!arg) throw sbError('SB_UNKNOWN_ARGUMENT', { name: key });
          const v = (value as Record<string, unknown>)[key];
          if (v !== undefined) args[arg.name] = arg.decode(v, arg.name);
        }
        return args;
      };
    },
    resultEncoder(fn) {
      const encode = jsonEncoder(fn.returns);
      return options.nest_result ? (v) => `{"result":${encode(v)}}` : encode;
    },
    encodeFault: encodeJsonFault,
  });
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
