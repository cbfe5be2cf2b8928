import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * The server's logger. Invitation tokens must never reach a log line: the `auth` of a
 * handshake and `authorization` headers are redacted wherever they appear.
 */
export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      redact: {
        paths: ['token', '*.token', 'auth', '*.auth', 'req.headers.authorization', 'headers.authorization'],
        censor: '[redacted]',
      },
    },
    options.destination,
  );
}
