import pino, { type DestinationStream, type Logger } from 'pino';

export type { DestinationStream, Logger };

/** `destination`: stdout unless given (tests capture the log to check what it holds). */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'altpath' },
    // Defence in depth: credentials never reach a log line, whatever logs them.
    redact: {
      paths: [
        'password',
        '*.password',
        'req.headers.authorization',
        'req.headers.cookie',
        'res.headers["set-cookie"]',
        'token',
        '*.token',
      ],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
