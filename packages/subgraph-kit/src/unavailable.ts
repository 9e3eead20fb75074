import { GraphQLError } from 'graphql';

/** Socket errors of a database connection that is gone or cannot be made. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/** SQLSTATEs of a server that shuts down, restarts or takes no connections (classes 08 and 57P, too many connections). */
const SQLSTATE = /^(08\d{3}|57P0[1-4]|53300)$/;

/** node-postgres' own messages for a lost or impossible connection. */
const MESSAGES = /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|the database system is (starting up|shutting down|in recovery mode)/i;

/**
 * True when an error means that the service's database cannot be reached right now (stopped,
 * restarting, connection lost) — something that heals by itself, not a bug. Looks through TypeORM's
 * and Node's wrappers (`driverError`, `cause`).
 */
export function isDatabaseUnavailable(e: unknown, depth = 0): boolean {
  if (!e || typeof e !== 'object' || depth > 4) return false;
  const err = e as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown; errors?: unknown };
  if (typeof err.code === 'string' && (SOCKET_CODES.has(err.code) || SQLSTATE.test(err.code))) return true;
  if (typeof err.message === 'string' && MESSAGES.test(err.message)) return true;
  // AggregateError of a connection attempt to several addresses (IPv4 and IPv6).
  if (Array.isArray(err.errors) && err.errors.some((x) => isDatabaseUnavailable(x, depth + 1))) return true;
  return isDatabaseUnavailable(err.driverError, depth + 1) || isDatabaseUnavailable(err.cause, depth + 1);
}

/** The answer while the database is away: the client may try again shortly. */
export function serviceUnavailable(service: string): GraphQLError {
  return new GraphQLError(`The ${service} service cannot reach its database right now; try again in a moment`, {
    extensions: { code: 'SERVICE_UNAVAILABLE', service },
  });
}
