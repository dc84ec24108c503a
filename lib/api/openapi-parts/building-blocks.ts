import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "../paging";
import { PREFER_WAIT_MAX_SECONDS, PREFER_WAIT_MIN_SECONDS } from "../prefer-wait";

// Pieces the paths of the OpenAPI document share: responses, parameters, headers.
export const problem = { $ref: "#/components/schemas/Problem" };
export const problemResponse = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: problem } },
});
export const runResponse = {
  description: "The run",
  content: { "application/json": { schema: { $ref: "#/components/schemas/Run" } } },
};
export const accepted = {
  description: "Accepted: the run is queued",
  headers: { Location: { schema: { type: "string" }, description: "/api/v1/runs/{runId}" } },
  content: { "application/json": { schema: { $ref: "#/components/schemas/Run" } } },
};
export const page = (item: string) => ({
  description: "A page, newest first",
  content: {
    "application/json": {
      schema: {
        type: "object",
        required: ["data", "nextCursor"],
        properties: {
          data: { type: "array", items: { $ref: `#/components/schemas/${item}` } },
          nextCursor: { type: ["string", "null"] },
        },
      },
    },
  },
});
export const idParam = { name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } };
export const pagingParams = [
  {
    name: "limit",
    in: "query",
    schema: { type: "integer", minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE },
  },
  { name: "cursor", in: "query", schema: { type: "string" }, description: "nextCursor of the previous page" },
];
export const idempotencyHeader = {
  name: "Idempotency-Key",
  in: "header",
  schema: { type: "string", maxLength: 255 },
  description: "Same key from the same token within 24 h returns the same run",
};
// SPEC §9: Prefer: wait=N (RFC 7240).
export const preferHeader = {
  name: "Prefer",
  in: "header",
  schema: { type: "string", example: "wait=30" },
  description:
    `\`wait=N\` (RFC 7240), N a whole number of seconds from ${PREFER_WAIT_MIN_SECONDS} to ${PREFER_WAIT_MAX_SECONDS}: the ` +
    "answer waits until the run has finished or N seconds have passed. Finished: 200 with the run and " +
    "`Preference-Applied: wait=N`. Otherwise the answer is as without the header. A value outside 1–60 or not a " +
    "whole number (`wait=0`, `wait=999`, `wait=soon`) is ignored, not clamped, as RFC 7240 allows for a preference " +
    "the server cannot honour: the answer comes at once, without `Preference-Applied`.",
};
export const finishedAfterWait = {
  description: "With `Prefer: wait=N`: the run finished within N seconds",
  headers: {
    "Preference-Applied": { schema: { type: "string", example: "wait=30" }, description: "The wait that was applied" },
    Location: { schema: { type: "string" }, description: "/api/v1/runs/{runId}" },
  },
  content: { "application/json": { schema: { $ref: "#/components/schemas/Run" } } },
};
export const emptyBody = {
  required: false,
  content: { "application/json": { schema: { type: "object", additionalProperties: false } } },
};
export const authErrors = {
  401: problemResponse("invalid_token"),
  403: problemResponse(
    "insufficient_permission, or ip_not_allowed when the token's allowed IP ranges exclude the caller",
  ),
  429: problemResponse("rate_limited"),
  503: problemResponse("unavailable"),
};
export const withoutInsufficientPermission = { 401: authErrors[401], 429: authErrors[429], 503: authErrors[503] };
