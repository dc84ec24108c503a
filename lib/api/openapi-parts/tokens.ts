import { MAX_LEAK_REPORT_TOKENS } from "../../tokens/schemas";
import { problemResponse } from "./building-blocks";

// SPEC §8: the token's own paths — introspection with scope and allowed ranges, and leak reports.
const scope = {
  oneOf: [
    { type: "string", const: "all" },
    { type: "array", items: { type: "string", format: "uuid" } },
  ],
};

export const ipNotAllowed = problemResponse("ip_not_allowed: the token's allowed IP ranges exclude the caller");

export const tokenPaths = {
  "/api/v1/token": {
    get: {
      summary: "Introspect the calling token",
      responses: {
        200: {
          description:
            "The token. Every answer to a valid token carries `Sluice-Token-Expiration` (RFC 3339, UTC): when the " +
            "secret presented stops working.",
          headers: { "Sluice-Token-Expiration": { schema: { type: "string", format: "date-time" } } },
          content: {
            "application/json": {
              schema: {
                type: "object",
                required: ["name", "permissions", "expiresAt", "scopes", "allowedIps"],
                properties: {
                  name: { type: "string" },
                  permissions: { type: "array", items: { type: "string" } },
                  expiresAt: { type: "string", format: "date-time" },
                  scopes: {
                    type: "object",
                    required: ["subscriptions", "semanticModels"],
                    properties: { subscriptions: scope, semanticModels: scope },
                  },
                  allowedIps: {
                    type: "array",
                    items: { type: "string" },
                    description: "CIDRs the token may be used from; empty: anywhere",
                  },
                },
              },
            },
          },
        },
        401: problemResponse("invalid_token"),
        403: ipNotAllowed,
        429: problemResponse("rate_limited"),
      },
    },
  },
  "/api/v1/token-leaks": {
    post: {
      summary:
        "Report leaked tokens: each live Sluice token among them is revoked and its creator told. The answer is the " +
        "same whether or not any was live. Rate limited per client address.",
      security: [],
      requestBody: {
        required: true,
        content: {
          "application/json": {
            schema: {
              type: "object",
              additionalProperties: false,
              required: ["tokens"],
              properties: {
                tokens: {
                  type: "array",
                  minItems: 1,
                  maxItems: MAX_LEAK_REPORT_TOKENS,
                  items: { type: "string", example: "slc_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789" },
                },
              },
            },
          },
        },
      },
      responses: {
        202: {
          description: "Received",
          content: {
            "application/json": {
              schema: { type: "object", required: ["received"], properties: { received: { type: "integer" } } },
            },
          },
        },
        400: problemResponse("invalid_request"),
        413: problemResponse("payload_too_large"),
        429: problemResponse("rate_limited"),
        503: problemResponse("unavailable"),
      },
    },
  },
};
