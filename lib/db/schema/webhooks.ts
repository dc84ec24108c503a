import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

import type { WebhookEventType } from "../../webhooks/event-types";

export { WEBHOOK_EVENT_TYPES, WEBHOOK_TEST_EVENT, type WebhookEventType } from "../../webhooks/event-types";

export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    url: text("url").notNull(),
    events: text("events").array().$type<WebhookEventType[]>().notNull(),
    description: text("description").notNull().default(""),
    // The `whsec_…` signing secret, AES-256-GCM encrypted (lib/webhooks/secret.ts). Signing needs the secret
    // itself, so a digest will not do; encrypted, a copy of the database alone does not let anyone forge deliveries.
    secretCiphertext: text("secret_ciphertext").notNull(),
    status: text("status").$type<"active" | "disabled">().notNull().default("active"),
    disabledReason: text("disabled_reason"),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    // Start of the current run of failed attempts; cleared by any delivered one. Five days of it disables the endpoint.
    failingSince: timestamp("failing_since", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("webhook_endpoints_created_at_idx").on(t.createdAt)],
);

/**
 * One message to one endpoint. Its id is the `webhook-id` header, the same on every attempt; its body is kept as
 * the exact text that is signed and sent, so every attempt sends the same bytes.
 */
export const webhookEvents = pgTable(
  "webhook_events",
  {
    id: text("id").primaryKey(),
    endpointId: uuid("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    body: text("body").notNull(),
    // What the event is about (`run:<id>`, `token-expiring:<id>`): one event per endpoint and source, however many
    // processes notice it.
    sourceKey: text("source_key"),
    status: text("status").$type<"pending" | "delivered" | "failed">().notNull().default("pending"),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("webhook_events_endpoint_source_idx").on(t.endpointId, t.sourceKey),
    index("webhook_events_source_idx").on(t.sourceKey),
  ],
);

export type WebhookDeliveryStatus = "pending" | "sending" | "succeeded" | "failed" | "cancelled";

/**
 * One delivery attempt. The row is written (status `pending`, `scheduledAt`) before its job is queued, so Postgres
 * holds every attempt still owed and the reconciler can queue it again after a Redis loss.
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    eventId: text("event_id")
      .notNull()
      .references(() => webhookEvents.id, { onDelete: "cascade" }),
    endpointId: uuid("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    attempt: integer("attempt").notNull(),
    // A redelivery from the console is one attempt; automatic ones follow the retry schedule.
    manual: boolean("manual").notNull().default(false),
    status: text("status").$type<WebhookDeliveryStatus>().notNull().default("pending"),
    scheduledAt: timestamp("scheduled_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    attemptedAt: timestamp("attempted_at", { withTimezone: true, precision: 3 }),
    responseStatus: integer("response_status"),
    responseBody: text("response_body"),
    error: text("error"),
    durationMs: integer("duration_ms"),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true, precision: 3 }),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("webhook_deliveries_event_attempt_idx").on(t.eventId, t.attempt),
    // Matches the console's `order by created_at desc` (desc means nulls first in Postgres).
    index("webhook_deliveries_endpoint_idx").on(t.endpointId, t.createdAt.desc().nullsFirst()),
    index("webhook_deliveries_open_idx")
      .on(t.scheduledAt)
      .where(sql`status in ('pending', 'sending')`),
  ],
);

export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;
export type WebhookEvent = typeof webhookEvents.$inferSelect;
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;
