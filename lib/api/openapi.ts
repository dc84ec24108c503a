import {
  problemResponse,
  runResponse,
  accepted,
  page,
  idParam,
  pagingParams,
  idempotencyHeader,
  preferHeader,
  finishedAfterWait,
  emptyBody,
  authErrors,
  withoutInsufficientPermission,
} from "./openapi-parts/building-blocks";
import { resourceSchemas } from "./openapi-parts/schemas";
import { webhookEventSchemas, webhookOperations } from "./openapi-parts/webhooks";
import { ipNotAllowed, tokenPaths } from "./openapi-parts/tokens";

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
    ...tokenPaths,
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
          // Any valid token may ask; a run it may not see is a 404, never a 403 (403 only for the caller's address).
          ...withoutInsufficientPermission,
          403: ipNotAllowed,
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
  webhooks: webhookOperations,
  components: {
    securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", description: "slc_ + 36 base62 characters" } },
    schemas: { ...resourceSchemas, ...webhookEventSchemas },
  },
} as const;
