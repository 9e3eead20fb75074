import pino, { type Logger } from 'pino';

export type { Logger };

/** JSON logs with pino; secrets in well-known places are redacted. */
export function createLogger(service: string, level = 'info'): Logger {
  return pino({
    name: service,
    level,
    base: { service },
    redact: {
      paths: [
        'password',
        '*.password',
        'token',
        '*.token',
        'req.headers.authorization',
        'req.headers["x-api-key"]',
        'req.headers["x-mitgen-principal"]',
        'variables.password',
        'variables.input.password',
      ],
      censor: '[redacted]',
    },
  });
}
