import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * The gateway's logger: one JSON line per event on stdout (pino). Lines carry UIDs and AE titles,
 * never patient names or the API token; `token` and `authorization` are redacted should one slip in.
 */
export function createLogger(level = process.env.TELERAD_GATEWAY_LOG_LEVEL ?? 'info'): Logger {
  return pino({
    level,
    base: { service: 'telerad-gateway' },
    redact: {
      paths: ['token', '*.token', 'authorization', '*.authorization'],
      censor: '[redacted]',
    },
  });
}
