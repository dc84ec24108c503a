import { PROBLEMS } from "./errors";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "./paging";

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
        parameters: [idParam, idempotencyHeader],
        requestBody: emptyBody,
        responses: {
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
        parameters: [idParam, idempotencyHeader],
        requestBody: emptyBody,
        responses: {
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
        summary: "Get a run (needs the permission of its kind)",
        parameters: [idParam],
        responses: { 200: runResponse, 404: problemResponse("not_found"), ...authErrors },
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
        },
      },
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
