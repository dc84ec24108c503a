// Shared by the schema, the forms and the OpenAPI document; no imports, so client components can use it.
export const WEBHOOK_EVENT_TYPES = ["run.succeeded", "run.failed", "token.expiring"] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
/** Sent only by **Send test event**; endpoints do not subscribe to it. */
export const WEBHOOK_TEST_EVENT = "webhook.test";
