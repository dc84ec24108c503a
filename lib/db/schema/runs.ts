import {
  pgTable,
  uuid,
  text,
  timestamp,
  integer,
  jsonb,
  pgEnum,
  index,
  uniqueIndex,
  primaryKey,
} from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { subscriptions } from "./subscriptions";
import { semanticModels } from "./semantic-models";
import { apiTokens } from "./tokens";

export const runKind = pgEnum("run_kind", ["subscription", "semantic-model-refresh"]);
export const runStatus = pgEnum("run_status", ["queued", "running", "succeeded", "failed"]);
export const runTrigger = pgEnum("run_trigger", ["api", "schedule", "console"]);

export type RunResult = Record<string, unknown>;

/** How far a running subscription run is: rows rendered so far, e-mails sent of all it will send. */
export type RunProgress = { rows: number; recipientsSent: number; recipientsTotal: number };

export const runs = pgTable(
  "runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: runKind("kind").notNull(),
    status: runStatus("status").notNull().default("queued"),
    subscriptionId: uuid("subscription_id").references(() => subscriptions.id, { onDelete: "cascade" }),
    semanticModelId: uuid("semantic_model_id").references(() => semanticModels.id, { onDelete: "cascade" }),
    trigger: runTrigger("trigger").notNull(),
    tokenId: uuid("token_id").references(() => apiTokens.id),
    userId: uuid("user_id"),
    // Millisecond precision so a page cursor (a JS Date) matches the stored value exactly.
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    attempts: integer("attempts").notNull().default(0),
    error: jsonb("error").$type<{ message: string }>(),
    result: jsonb("result").$type<RunResult>(),
    // While an attempt works: when it last moved forward (the reconciler's evidence of a frozen worker).
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true }),
    // Between attempts: when the next one is due; null while an attempt works or once the run has ended.
    retryAt: timestamp("retry_at", { withTimezone: true }),
    progress: jsonb("progress").$type<RunProgress>(),
    // Re-send to failed: the recipients the current attempts are limited to (null: every recipient not yet sent).
    resendRecipients: text("resend_recipients").array(),
  },
  (t) => [
    // Lists read runs newest first, `order by created_at desc, id desc`: Postgres' `desc` puts nulls first, and an
    // index built `desc nulls last` does not serve it (every run would be sorted). One index per list filter.
    index("runs_created_at_idx").on(t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index("runs_subscription_idx").on(t.subscriptionId, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index("runs_model_idx").on(t.semanticModelId, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index("runs_kind_created_at_idx").on(t.kind, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index("runs_status_created_at_idx").on(t.status, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index("runs_trigger_created_at_idx").on(t.trigger, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    // The home page's latest failures: `order by finished_at desc` (nulls first, as desc means in Postgres).
    index("runs_failed_idx")
      .on(t.finishedAt.desc().nullsFirst())
      .where(sql`status = 'failed'`),
    index("runs_open_idx")
      .on(t.status)
      .where(sql`status in ('queued', 'running')`),
    // At most one queued refresh per model: a second trigger joins it.
    uniqueIndex("runs_one_queued_refresh_idx")
      .on(t.semanticModelId)
      .where(sql`kind = 'semantic-model-refresh' and status = 'queued'`),
    // Likewise one queued run per subscription: a burst of triggers cannot queue (and mail) the same report many times.
    // A run queued again to re-send to its failed recipients is not one to join: a trigger then queues its own.
    uniqueIndex("runs_one_queued_subscription_run_idx")
      .on(t.subscriptionId)
      .where(sql`kind = 'subscription' and status = 'queued' and resend_recipients is null`),
  ],
);

export const deliveries = pgTable(
  "deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    runId: uuid("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    recipient: text("recipient").notNull(),
    status: text("status").$type<"sent" | "failed" | "skipped">().notNull(),
    error: text("error"),
    skipReason: text("skip_reason"),
    filterValue: text("filter_value"),
    messageId: text("message_id"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("deliveries_run_recipient_idx").on(t.runId, t.recipient)],
);

// Idempotency-Key per token, kept 24 h: the same key returns the same run.
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    tokenId: uuid("token_id")
      .notNull()
      .references(() => apiTokens.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    fingerprint: text("fingerprint").notNull(),
    runId: uuid("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tokenId, t.key] })],
);

export type Run = typeof runs.$inferSelect;
export type Delivery = typeof deliveries.$inferSelect;
