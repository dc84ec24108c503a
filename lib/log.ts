import { DrizzleQueryError } from "drizzle-orm/errors";
import pino from "pino";
import { env } from "./env";

type ServerError = { name?: string; message?: string; code?: string; constraint_name?: string };

/**
 * A failed query carries its bound values (a DrizzleQueryError's message and params) and Postgres' detail (the key
 * of a unique violation): a token digest can be either. Database errors are logged without them.
 */
function serializeError(error: unknown) {
  const query = error instanceof DrizzleQueryError ? error.query : undefined;
  const server = (error instanceof DrizzleQueryError ? error.cause : error) as ServerError | undefined;
  if (query === undefined && server?.name !== "PostgresError") return pino.stdSerializers.err(error as Error);
  return {
    type: server?.name ?? "DrizzleQueryError",
    message: server?.message ?? "query failed",
    code: server?.code,
    constraint: server?.constraint_name,
    query,
  };
}

// Structured logs; anything that could carry a secret is redacted by path as a second line of defence.
export const log = pino({
  level: env.LOG_LEVEL,
  redact: {
    paths: [
      "token",
      "*.token",
      "digest",
      "*.digest",
      "authorization",
      "*.authorization",
      "headers.authorization",
      "password",
      "*.password",
    ],
    censor: "[redacted]",
  },
  serializers: { err: serializeError },
});
