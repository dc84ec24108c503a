import { PROBLEMS } from "./errors";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "./paging";
import { PREFER_WAIT_MAX_SECONDS, PREFER_WAIT_MIN_SECONDS } from "./prefer-wait";

const problem = { $ref: "#/components/schemas/Problem" };
const problemResponse = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: problem } },
});
const runResponse = {
  description: "The run",
  content: { "application/json": { schema: { $ref: "#/components/schemas/Run" } } },
};
const accepted = {
  description: "Accepted: the run is queued",
  headers: { Location: { schema: { type: "string" }, description: "/api/v1/runs/{runId}" } },
  content: { "application/json": { schema: { $ref: "#/components/schemas/Run" } } },
};
const page = (item: string) => ({
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
const idParam = { name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } };
const pagingParams = [
  {
    name: "limit",
    in: "query",
    schema: { type: "integer", minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE },
  },
  { name: "cursor", in: "query", schema: { type: "string" }, description: "nextCursor of the previous page" },
];
const idempotencyHeader = {
  name: "Idempotency-Key",
  in: "header",
  schema: { type: "string", maxLength: 255 },
  description: "Same key from the same token within 24 h returns the same run",
};
// SPEC §9: Prefer: wait=N (RFC 7240).
const preferHeader = {
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
const finishedAfterWait = {
  description: "With `Prefer: wait=N`: the run finished within N seconds",
  headers: {
    "Preference-Applied": { schema: { type: "string", example: "wait=30" }, description: "The wait that was applied" },
    Location: { schema: { type: "string" }, description: "/api/v1/runs/{runId}" },
  },
  content: { "application/json": { schema: { $ref: "#/components/schemas/Run" } } },
};
const webhookHeaders = {
  "webhook-id": {
    required: true,
    schema: { type: "string", example: "msg_3f1c0d2a9b8e4f6a8c7d5e4f3a2b1c0d" },
    description: "The message's id: the same on every attempt and redelivery; receivers drop duplicates by it",
  },
  "webhook-timestamp": { required: true, schema: { type: "string" }, description: "Unix seconds of this attempt" },
  "webhook-signature": {
    required: true,
    schema: { type: "string", example: "v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=" },
    description:
      "`v1,` + base64 HMAC-SHA256 of `{webhook-id}.{webhook-timestamp}.{body}`, keyed by the base64-decoded part " +
      "of the endpoint's secret after `whsec_` (Standard Webhooks; verify with any of its libraries)",
  },
};
const webhook = (summary: string, schema: string) => ({
  post: {
    summary,
    description:
      "Sent to each active endpoint subscribed to the event. A 2xx answer within 15 s counts as delivered; " +
      "otherwise it is retried about 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h and 24 h later (with jitter) " +
      "with the same webhook-id. 410 Gone disables the endpoint at once; five days of failures disable it too. " +
      "Redirects are not followed.",
    parameters: Object.entries(webhookHeaders).map(([name, header]) => ({ name, in: "header", ...header })),
    requestBody: {
      required: true,
      content: { "application/json": { schema: { $ref: `#/components/schemas/${schema}` } } },
    },
    responses: { "2XX": { description: "Delivered" }, "410": { description: "Gone: the endpoint is disabled" } },
  },
});
const event = (type: string, data: object) => ({
  type: "object",
  required: ["type", "timestamp", "data"],
  properties: {
    type: { const: type },
    timestamp: { type: "string", format: "date-time", description: "When it happened (a run: its finishedAt)" },
    data,
  },
});

const emptyBody = {
  required: false,
  content: { "application/json": { schema: { type: "object", additionalProperties: false } } },
};
const authErrors = {
  401: problemResponse("invalid_token"),
  403: problemResponse("insufficient_permission"),
  429: problemResponse("rate_limited"),
  503: problemResponse("unavailable"),
};
const withoutInsufficientPermission = { 401: authErrors[401], 429: authErrors[429], 503: authErrors[503] };
const schedule = {
  type: "object",
  required: ["frequency"],
  properties: {
    frequency: { enum: ["manual", "daily", "weekly", "monthly"] },
    time: { type: "string", example: "08:00" },
    timeZone: { type: "string", example: "Europe/Berlin" },
    dayOfWeek: { type: "integer", minimum: 0, maximum: 6 },
    dayOfMonth: { type: "integer", minimum: 1, maximum: 28 },
  },
};

/** The OpenAPI 3.1 description of /api/v1 (SPEC §4). */
export const openApiDocument = {
  openapi: "3.1.0",
  info: {
    title: "Sluice API",
    version: "1.0.0",
    description: "Start subscription runs and semantic model refreshes with a bearer token.",
  },
  servers: [{ url: "/" }],
  security: [{ bearerAuth: [] }],
  paths: {
    "/api/v1/token": {
      get: {
        summary: "Introspect the calling token",
        responses: {
          200: {
            description: "The token",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  properties: {
                    name: { type: "string" },
                    permissions: { type: "array", items: { type: "string" } },
                    expiresAt: { type: "string", format: "date-time" },
                  },
                },
              },
            },
          },
          401: problemResponse("invalid_token"),
        },
      },
    },
    "/api/v1/subscriptions": {
      get: {
        summary: "List subscriptions",
        parameters: pagingParams,
        responses: { 200: page("Subscription"), 400: problemResponse("invalid_request"), ...authErrors },
      },
    },
    "/api/v1/subscriptions/{id}/runs": {
      post: {
        summary: "Start a subscription run",
        parameters: [idParam, idempotencyHeader, preferHeader],
        requestBody: emptyBody,
        responses: {
          200: finishedAfterWait,
          202: accepted,
          400: problemResponse("invalid_request"),
          404: problemResponse("not_found"),
          409: problemResponse("subscription_paused"),
          413: problemResponse("payload_too_large"),
          422: problemResponse("idempotency_conflict"),
          ...authErrors,
        },
      },
      get: {
        summary: "List a subscription's runs",
        parameters: [idParam, ...pagingParams],
        responses: {
          200: page("Run"),
          400: problemResponse("invalid_request"),
          404: problemResponse("not_found"),
          ...authErrors,
        },
      },
    },
    "/api/v1/semantic-models": {
      get: {
        summary: "List semantic models",
        parameters: pagingParams,
        responses: { 200: page("SemanticModel"), 400: problemResponse("invalid_request"), ...authErrors },
      },
    },
    "/api/v1/semantic-models/{id}/refreshes": {
      post: {
        summary: "Start a refresh (returns the queued one if a refresh of this model is still queued)",
        parameters: [idParam, idempotencyHeader, preferHeader],
        requestBody: emptyBody,
        responses: {
          200: finishedAfterWait,
          202: accepted,
          400: problemResponse("invalid_request"),
          404: problemResponse("not_found"),
          413: problemResponse("payload_too_large"),
          422: problemResponse("idempotency_conflict"),
          ...authErrors,
        },
      },
      get: {
        summary: "List a model's refreshes",
        parameters: [idParam, ...pagingParams],
        responses: {
          200: page("Run"),
          400: problemResponse("invalid_request"),
          404: problemResponse("not_found"),
          ...authErrors,
        },
      },
    },
    "/api/v1/runs/{id}": {
      get: {
        summary: "Get a run (needs the permission of its kind; a run of another kind answers 404, as an unknown id)",
        parameters: [idParam, preferHeader],
        responses: {
          200: {
            ...runResponse,
            description: "The run (with `Prefer: wait=N` and finished in time, also `Preference-Applied: wait=N`)",
            headers: { "Preference-Applied": finishedAfterWait.headers["Preference-Applied"] },
          },
          404: problemResponse("not_found"),
          // Any valid token may ask; a run it may not see is a 404, never a 403.
          ...withoutInsufficientPermission,
        },
      },
    },
    "/api/v1/openapi.json": {
      get: { summary: "This document", security: [], responses: { 200: { description: "OpenAPI 3.1" } } },
    },
    "/api/health": {
      get: {
        summary:
          "Health of the web app, Postgres and Redis; `mail` reports the workers' mail transport without failing it",
        security: [],
        responses: { 200: { description: "All parts ok" }, 503: { description: "A part is unavailable" } },
      },
    },
  },
  webhooks: {
    "run.succeeded": webhook("A run succeeded (subscription run or semantic model refresh)", "RunSucceededEvent"),
    "run.failed": webhook("A run failed for good (after its retries)", "RunFailedEvent"),
    "token.expiring": webhook("An API token entered its last 7 days (sent once per token)", "TokenExpiringEvent"),
    "webhook.test": webhook("Sent by **Send test event** in the console", "TestEvent"),
  },
  components: {
    securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", description: "slc_ + 36 base62 characters" } },
    schemas: {
      Problem: {
        type: "object",
        required: ["type", "title", "status", "detail", "code"],
        properties: {
          type: { type: "string" },
          title: { type: "string" },
          status: { type: "integer" },
          detail: { type: "string" },
          code: { enum: Object.keys(PROBLEMS) },
        },
      },
      Run: {
        type: "object",
        required: [
          "id",
          "kind",
          "status",
          "trigger",
          "createdAt",
          "startedAt",
          "finishedAt",
          "attempts",
          "error",
          "result",
        ],
        properties: {
          id: { type: "string", format: "uuid" },
          kind: { enum: ["subscription", "semantic-model-refresh"] },
          status: { enum: ["queued", "running", "succeeded", "failed"] },
          subscriptionId: { type: "string", format: "uuid" },
          semanticModelId: { type: "string", format: "uuid" },
          trigger: { enum: ["api", "schedule", "console"] },
          createdAt: { type: "string", format: "date-time" },
          startedAt: { type: ["string", "null"], format: "date-time" },
          finishedAt: { type: ["string", "null"], format: "date-time" },
          attempts: { type: "integer" },
          error: { oneOf: [{ type: "null" }, { type: "object", properties: { message: { type: "string" } } }] },
          result: {
            oneOf: [
              { type: "null" },
              {
                type: "object",
                description: "subscription run",
                properties: {
                  recipients: { type: "integer" },
                  delivered: { type: "integer" },
                  failed: { type: "integer" },
                  format: { type: "string" },
                  bytes: { type: "integer" },
                },
              },
              {
                type: "object",
                description: "refresh",
                properties: { values: { type: "integer" }, added: { type: "integer" }, removed: { type: "integer" } },
              },
            ],
          },
          progress: {
            type: "object",
            description: "only while a subscription run is running; updated a few times a second at most",
            properties: {
              rows: { type: "integer", description: "rows rendered so far" },
              recipientsSent: { type: "integer" },
              recipientsTotal: { type: "integer" },
            },
          },
        },
      },
      RunSucceededEvent: event("run.succeeded", { $ref: "#/components/schemas/Run" }),
      RunFailedEvent: event("run.failed", { $ref: "#/components/schemas/Run" }),
      TokenExpiringEvent: event("token.expiring", {
        type: "object",
        required: ["id", "name", "expiresAt"],
        properties: {
          id: { type: "string", format: "uuid" },
          name: { type: "string" },
          expiresAt: { type: "string", format: "date-time" },
        },
      }),
      TestEvent: event("webhook.test", {
        type: "object",
        properties: { endpointId: { type: "string", format: "uuid" }, message: { type: "string" } },
      }),
      Subscription: {
        type: "object",
        properties: {
          id: { type: "string", format: "uuid" },
          name: { type: "string" },
          reportId: { type: "string", format: "uuid" },
          format: { enum: ["pdf", "xlsx", "csv"] },
          schedule,
          status: { enum: ["active", "paused"] },
          lastRunAt: { type: ["string", "null"], format: "date-time" },
        },
      },
      SemanticModel: {
        type: "object",
        properties: {
          id: { type: "string", format: "uuid" },
          name: { type: "string" },
          refresh: schedule,
          lastRefreshedAt: { type: ["string", "null"], format: "date-time" },
          valuesCount: { type: "integer" },
        },
      },
    },
  },
} as const;
