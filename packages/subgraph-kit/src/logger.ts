import pino, { type DestinationStream, type Logger } from 'pino';
import { currentRequestId } from './request-scope';
import { traceFields } from './tracing';

export type { Logger };

/**
 * JSON logs with pino; secrets in well-known places are redacted. A line written while a request
 * is handled carries its `requestId` (see request-scope.ts) and, when traced, its `traceId` (tracing.ts). Tests pass a `destination` to read the lines.
 */
export function createLogger(service: string, level = 'info', destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    name: service,
    level,
    base: { service },
    mixin: () => {
      const requestId = currentRequestId();
      return requestId ? { requestId, ...traceFields() } : traceFields();
    },
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
  };
  return destination ? pino(options, destination) : pino(options);
}
