import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ErrorCode } from './errors';
import type { Logger } from './logger';
import { isDatabaseUnavailable, serviceUnavailable } from './unavailable';

/** Masks internal errors: only errors with a stable code reach the client. `service` names the subgraph in SERVICE_UNAVAILABLE. */
export function formatError(log: Logger, service?: string) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const code = formatted.extensions?.code;
    if (code === 'UNAUTHORIZED') {
      return { ...formatted, message: 'You are not allowed to do this', extensions: { code: ErrorCode.FORBIDDEN } };
    }
    if (original instanceof GraphQLError && original.extensions?.validationErrors) {
      return { ...formatted, ...validationMessage(original.extensions.validationErrors as ValidationError[]) };
    }
    const argument = original instanceof GraphQLError ? argumentCoercionError(original) : undefined;
    if (argument) return { ...formatted, ...argument };
    if (original instanceof GraphQLError || (code && code !== ErrorCode.INTERNAL_SERVER_ERROR)) {
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    // The database is away (restarting): the client may try again; not a bug, so no error line.
    if (service && isDatabaseUnavailable(original)) {
      log.warn({ err: (original as Error)?.message }, `[${service}] database unreachable; answered SERVICE_UNAVAILABLE`);
      return { ...serviceUnavailable(service).toJSON(), ...(formatted.path ? { path: formatted.path } : {}) };
    }
    log.error({ err: original }, 'unexpected error in resolver');
    return { message: 'Internal server error', path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
  };
}

interface ValidationError {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationError[];
}

function flatten(errors: ValidationError[], prefix = ''): { field: string; messages: string[] }[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, messages: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

function validationMessage(errors: ValidationError[]): Pick<GraphQLFormattedError, 'message' | 'extensions'> {
  const fields = flatten(errors);
  const message = fields.map((f) => `${f.field}: ${f.messages.join('; ')}`).join(' | ') || 'Invalid input';
  return { message: `Invalid input: ${message}`, extensions: { code: ErrorCode.BAD_USER_INPUT, field: fields[0]?.field, fields } };
}

/**
 * graphql-js coerces a field's arguments before the resolver runs and throws a bare GraphQLError
 * (no code) when a value does not fit, e.g. an explicit `null` in a variable for `first: Int! = 20`
 * ("Argument "first" of non-null type "Int!" must not be null."). Those are the client's mistakes.
 */
function argumentCoercionError(e: GraphQLError): Pick<GraphQLFormattedError, 'message' | 'extensions'> | undefined {
  if (e.extensions?.code || e.originalError) return undefined;
  const match = /^Argument "([^"]+)" (of non-null type .+ must not be null|of required type .+ was not provided|has invalid value)/.exec(e.message);
  if (!match) return undefined;
  const hint = match[2].startsWith('of non-null') ? ' Leave the argument (or the variable) out to use its default.' : '';
  return { message: `${e.message}${hint}`, extensions: { code: ErrorCode.BAD_USER_INPUT, field: match[1] } };
}
