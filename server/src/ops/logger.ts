import { createRequire } from 'node:module';
import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { scrubSecrets } from '../http/scrub.js';

export type { Logger };

/** Keys whose values never reach a log, wherever they appear in a logged object (two levels deep). */
const SECRET_KEYS = ['password', 'token', 'ticket', 'authCode', 'code', 'phone', 'idNumber', 'authorization', 'cookie', 'secret'];
const REDACT_PATHS = SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]);

export interface LoggerSettings {
  level: string;
  /** Human-readable lines (pino-pretty) instead of JSON, for a person at a terminal. */
  pretty?: boolean;
  /** Where lines go; stdout unless given (tests read them back). */
  destination?: DestinationStream;
}

/**
 * The server's one logger: a JSON line per event (pino), with secrets and personal numbers taken
 * out of objects by key and out of messages and stacks by pattern (scrub.ts), so an error that
 * quotes a phone number or a ticket does not leak it either.
 */
export function createLogger(settings: LoggerSettings): Logger {
  const options: LoggerOptions = {
    level: settings.level,
    base: { service: 'minqingtong' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACT_PATHS, censor: '[已隐藏]' },
    serializers: {
      err: (err: unknown) => {
        const s = pino.stdSerializers.err(err as Error);
        return { ...s, message: scrubSecrets(s.message), stack: scrubSecrets(s.stack ?? '') };
      },
    },
    hooks: {
      // free-text messages are scrubbed too: what a caller interpolates is not known in advance
      logMethod(args, method) {
        method.apply(this, args.map((a) => (typeof a === 'string' ? scrubSecrets(a) : a)) as Parameters<typeof method>);
      },
    },
  };
  // "level":"info" rather than 30: read by people and by log shippers alike
  const json: LoggerOptions = { ...options, formatters: { level: (label) => ({ level: label }) } };
  if (settings.destination) return pino(json, settings.destination);
  if (settings.pretty && prettyAvailable()) {
    return pino({
      ...options,
      transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,service' } },
    });
  }
  return pino(json);
}

/** pino-pretty is a development dependency: a production install has plain JSON only. */
function prettyAvailable(): boolean {
  try {
    createRequire(import.meta.url).resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}
