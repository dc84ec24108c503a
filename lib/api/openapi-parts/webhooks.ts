// The OpenAPI 3.1 `webhooks` of SPEC §9: what Sluice POSTs to an endpoint, and the payload of each event.
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

export const webhookOperations = {
  "run.succeeded": webhook("A run succeeded (subscription run or semantic model refresh)", "RunSucceededEvent"),
  "run.failed": webhook("A run failed for good (after its retries)", "RunFailedEvent"),
  "token.expiring": webhook("An API token entered its last 7 days (sent once per token)", "TokenExpiringEvent"),
  "webhook.test": webhook("Sent by **Send test event** in the console", "TestEvent"),
};

export const webhookEventSchemas = {
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
};
