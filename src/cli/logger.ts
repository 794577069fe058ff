/**
 * The CLI's logger: pino when it is installed (an optional peer dependency, the fast path),
 * else a plain JSON-lines writer with pino's line shape, so `switchboard serve` logs the same
 * fields with or without it.
 */
import type { Logger } from '../servers/server.ts';

/** pino's level names and numbers. */
export const LEVELS = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: Number.POSITIVE_INFINITY } as const;
export type LevelName = keyof typeof LEVELS;

/** Header paths never written to a log line (pino's redaction paths). */
export const REDACTED = ['req.headers.authorization', 'req.headers.cookie', 'req.headers["proxy-authorization"]', 'res.headers["set-cookie"]'];

export interface CliLogger extends Logger {
  warn(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
  flush(): void;
}

/** A logger at `level` writing JSON lines to stdout: pino's when installed. */
export async function createLogger(level: LevelName = 'info'): Promise<CliLogger> {
  try {
    const { pino } = await import('pino');
    const log = pino({ base: undefined, level, redact: { paths: REDACTED, censor: '[redacted]' } });
    return {
      debug: (obj, msg) => log.debug(obj, msg),
      info: (obj, msg) => log.info(obj, msg),
      warn: (obj, msg) => log.warn(obj, msg),
      error: (obj, msg) => log.error(obj, msg),
      flush: () => log.flush(),
    };
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') throw err;
    return jsonLines(level, (line) => process.stdout.write(line));
  }
}

/** pino's line (`{"level":30,"time":…,…fields,"msg":…}`) without pino; `err` as type, message and stack. */
export function jsonLines(level: LevelName, write: (line: string) => void): CliLogger {
  const min = LEVELS[level];
  const at =
    (n: number) =>
    (obj: object, msg?: string): void => {
      if (n < min) return;
      const fields: Record<string, unknown> = { ...obj };
      if (fields.err instanceof Error) fields.err = { type: fields.err.name, message: fields.err.message, stack: fields.err.stack };
      redact(fields);
      write(`${JSON.stringify({ level: n, time: Date.now(), ...fields, msg })}\n`);
    };
  return { debug: at(20), info: at(30), warn: at(40), error: at(50), flush() {} };
}

function redact(fields: Record<string, unknown>): void {
  for (const side of ['req', 'res'] as const) {
    const headers = (fields[side] as { headers?: Record<string, unknown> } | undefined)?.headers;
    if (!headers) continue;
    const copy = { ...headers };
    for (const name of ['authorization', 'cookie', 'proxy-authorization', 'set-cookie']) if (name in copy) copy[name] = '[redacted]';
    fields[side] = { ...(fields[side] as object), headers: copy };
  }
}

/** `--log-level`, else `LOG_LEVEL`, else info; an unknown name is an error naming the known ones. */
export function levelOf(flag: string | undefined, env: string | undefined): LevelName {
  const name = flag ?? (env || 'info');
  if (!(name in LEVELS)) throw new Error(`log level must be one of ${Object.keys(LEVELS).join(', ')}, not "${name}"`);
  return name as LevelName;
}
