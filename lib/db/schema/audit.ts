import { pgTable, bigserial, uuid, text, timestamp, jsonb, index } from "drizzle-orm/pg-core";

export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    // Millisecond precision so a page cursor (a JS Date) matches the stored value exactly.
    at: timestamp("at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
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
  // Newest first, `order by at desc, id desc` (nulls first, as Postgres' desc is); one index per audit filter.
  (t) => [
    index("audit_events_at_idx").on(t.at.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index("audit_events_action_at_idx").on(t.action, t.at.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index("audit_events_actor_at_idx").on(t.actorLabel, t.at.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index("audit_events_token_at_idx").on(t.actorTokenId, t.at.desc().nullsFirst(), t.id.desc().nullsFirst()),
    // A token's page lists the entries about it (and, by audit_events_token_at_idx, the ones it acted in).
    index("audit_events_target_at_idx").on(
      t.targetType,
      t.targetId,
      t.at.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
  ],
);

export type AuditEvent = typeof auditEvents.$inferSelect;
