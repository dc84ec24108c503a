import { ApiError, NOT_FOUND_DETAIL, problemResponse, type ProblemCode } from "./errors";
import { DomainError, type DomainErrorCode } from "../domain-error";
import { isDatabaseUnavailable } from "./unavailable";
import { log } from "../log";

// The one place a domain refusal becomes an API problem.
const PROBLEM_OF: Record<DomainErrorCode, ProblemCode> = {
  not_found: "not_found",
  invalid: "invalid_request",
  subscription_paused: "subscription_paused",
  idempotency_conflict: "idempotency_conflict",
};

// How long a client should wait before retrying while the database is away.
const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/** Turns anything a handler throws into a problem+json response; unknown errors are logged, never echoed. */
export function errorToResponse(error: unknown, request: Request): Response {
  if (error instanceof ApiError) return problemResponse(error);
  if (error instanceof DomainError) return problemResponse(domainProblem(error));
  if (isDatabaseUnavailable(error)) {
    log.warn({ path: new URL(request.url).pathname }, "database unavailable");
    return problemResponse(
      new ApiError("unavailable", "The database is unreachable; try again shortly.", {
        "Retry-After": String(UNAVAILABLE_RETRY_AFTER_SECONDS),
      }),
    );
  }
  log.error({ err: error, method: request.method, path: new URL(request.url).pathname }, "unhandled API error");
  return problemResponse(new ApiError("internal_error", "Something went wrong on our side."));
}

/** For routes without a token (health, OpenAPI): only the error mapping. */
export function withProblems(handler: (request: Request) => Promise<Response>) {
  return async (request: Request): Promise<Response> => {
    try {
      return await handler(request);
    } catch (error) {
      return errorToResponse(error, request);
    }
  };
}

/** An unknown id answers the same whatever it names, so the API's 404 never says what exists. */
function domainProblem(error: DomainError): ApiError {
  const code = PROBLEM_OF[error.code];
  return new ApiError(code, code === "not_found" ? NOT_FOUND_DETAIL : error.message);
}
