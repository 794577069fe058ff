/**
 * The call log: one line per call — batch members each their own — with the request id, the
 * API, the function's name (`person.get`, however the protocol named it), the protocol, the
 * status and the duration. A Server fault's line is an error line, with the error. A call
 * refused before the call path has its line too: `fn` is then the function found, or `''` with
 * what was `asked`. A fault's line carries its `code`.
 */
import type { CallObserver } from '../runtime/observe.ts';
import { requestIdOf } from './request-id.ts';

/** What the call log writes to: pino's shape. */
export interface CallLogger {
  info(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** A call observer writing one line per call to `logger`. */
export function callLog(logger: CallLogger): CallObserver {
  return (call) => {
    const start = performance.now();
    return (outcome) => {
      const line: Record<string, unknown> = {
        reqId: requestIdOf(call.request),
        api: call.api,
        fn: call.name,
        protocol: call.protocol,
        status: outcome.ok ? 200 : outcome.error.status,
        ms: Math.round((performance.now() - start) * 100) / 100,
      };
      // A call refused before any function was found: what it asked for.
      if (call.asked !== undefined) line.asked = call.asked;
      if (!outcome.ok) line.code = outcome.error.code;
      if (outcome.ok || outcome.error.isClient) logger.info(line, 'call');
      else logger.error({ ...line, err: outcome.error.cause ?? outcome.error }, outcome.error.message);
    };
  };
}
