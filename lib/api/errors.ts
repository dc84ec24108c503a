// One table from error code to HTTP status and title (SPEC §4).
export const PROBLEMS = {
  invalid_request: { status: 400, title: "Invalid request" },
  invalid_token: { status: 401, title: "Invalid token" },
  insufficient_permission: { status: 403, title: "Insufficient permission" },
  ip_not_allowed: { status: 403, title: "IP address not allowed" },
  not_found: { status: 404, title: "Not found" },
  subscription_paused: { status: 409, title: "Subscription paused" },
  payload_too_large: { status: 413, title: "Payload too large" },
  idempotency_conflict: { status: 422, title: "Idempotency conflict" },
  rate_limited: { status: 429, title: "Too many requests" },
  internal_error: { status: 500, title: "Internal error" },
  unavailable: { status: 503, title: "Service unavailable" },
} as const;

export type ProblemCode = keyof typeof PROBLEMS;

export class ApiError extends Error {
  constructor(
    readonly code: ProblemCode,
    readonly detail: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }
}

// The one body every authentication failure gets, so a caller cannot tell why a token was refused.
export const INVALID_TOKEN_DETAIL = "The bearer token is missing, malformed, unknown, expired or revoked.";

// A domain "not found" says nothing about what the id might have named.
export const NOT_FOUND_DETAIL = "No resource with this id.";

export function invalidToken(): ApiError {
  return new ApiError("invalid_token", INVALID_TOKEN_DETAIL, { "WWW-Authenticate": 'Bearer error="invalid_token"' });
}

export function insufficientPermission(permission: string): ApiError {
  return new ApiError("insufficient_permission", `This token lacks the ${permission} permission.`, {
    "WWW-Authenticate": `Bearer error="insufficient_scope", scope="${permission}"`,
  });
}

export function problemResponse(error: ApiError): Response {
  const { status, title } = PROBLEMS[error.code];
  const body = {
    type: `https://sluice.dev/problems/${error.code.replaceAll("_", "-")}`,
    title,
    status,
    detail: error.detail,
    code: error.code,
  };
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/problem+json", "Cache-Control": "no-store", ...error.headers },
  });
}
