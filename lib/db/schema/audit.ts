import { pgTable, bigserial, uuid, text, timestamp, jsonb, index } from "drizzle-orm/pg-core";

export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    action: text("action").notNull(),
    actorUserId: uuid("actor_user_id"),
    actorTokenId: uuid("actor_token_id"),
    // Kept as text so an event survives the deletion of what it names.
    actorLabel: text("actor_label"),
    targetType: text("target_type"),
    targetId: text("target_id"),
    ip: text("ip"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    index("audit_events_at_idx").on(t.at),
    // A token's page lists the entries about it and the ones it acted in (SPEC §8).
    index("audit_events_target_idx").on(t.targetType, t.targetId, t.id),
    index("audit_events_actor_token_idx").on(t.actorTokenId, t.id),
  ],
);

export type AuditEvent = typeof auditEvents.$inferSelect;
