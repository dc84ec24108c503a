import {
  pgTable,
  uuid,
  text,
  timestamp,
  index,
  uniqueIndex,
  date,
  integer,
  bigserial,
  primaryKey,
} from "drizzle-orm/pg-core";
import { users } from "./users";

// What a token may do (SPEC §1); the column holds only these.
export const PERMISSIONS = ["subscriptions:execute", "semantic-models:refresh"] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    // SHA-256 of the plaintext, hex. The plaintext is never stored.
    digest: text("digest").notNull(),
    // Non-secret prefix shown in lists, e.g. "slc_AbCd".
    hint: text("hint").notNull(),
    permissions: text("permissions").array().$type<Permission[]>().notNull(),
    createdBy: uuid("created_by").references(() => users.id),
    // Millisecond precision so a page cursor (a JS Date) matches the stored value exactly.
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokedBy: uuid("revoked_by").references(() => users.id),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    lastUsedIp: text("last_used_ip"),
    // Why it was revoked when not by a person in the console ("leaked": reported through /api/v1/token-leaks).
    revokedReason: text("revoked_reason"),
    // SPEC §8 rotation: the secret replaced by the last regeneration keeps working until previousValidUntil.
    previousDigest: text("previous_digest"),
    previousHint: text("previous_hint"),
    previousValidUntil: timestamp("previous_valid_until", { withTimezone: true }),
    // Resource scope: null means every subscription / semantic model, a list means only those.
    subscriptionIds: uuid("subscription_ids").array(),
    semanticModelIds: uuid("semantic_model_ids").array(),
    // Allowed client ranges as CIDRs; empty means anywhere.
    allowedIps: text("allowed_ips").array().notNull().default([]),
  },
  (t) => [
    uniqueIndex("api_tokens_digest_idx").on(t.digest),
    uniqueIndex("api_tokens_previous_digest_idx").on(t.previousDigest),
    index("api_tokens_created_at_idx").on(t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
  ],
);

export type ApiToken = typeof apiTokens.$inferSelect;

// One row per notice e-mail sent about a token (SPEC §8): the primary key makes each one go out at most once, whatever
// the number of workers. `key` names the notice, e.g. "expiry:2026-12-01T00:00:00.000Z:7" or "leaked".
export const tokenNotices = pgTable(
  "token_notices",
  {
    tokenId: uuid("token_id")
      .notNull()
      .references(() => apiTokens.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tokenId, t.key] })],
);

// Requests per token per UTC day, accepted (2xx/3xx) and refused (4xx/5xx), written in batches.
export const tokenUsageDaily = pgTable(
  "token_usage_daily",
  {
    tokenId: uuid("token_id")
      .notNull()
      .references(() => apiTokens.id, { onDelete: "cascade" }),
    day: date("day").notNull(),
    accepted: integer("accepted").notNull().default(0),
    refused: integer("refused").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tokenId, t.day] })],
);

// The latest uses of each token (the console shows the last 100; older rows are pruned when a batch is written).
export const tokenUses = pgTable(
  "token_uses",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    tokenId: uuid("token_id")
      .notNull()
      .references(() => apiTokens.id, { onDelete: "cascade" }),
    at: timestamp("at", { withTimezone: true }).notNull(),
    ip: text("ip"),
    method: text("method").notNull(),
    path: text("path").notNull(),
    status: integer("status").notNull(),
  },
  (t) => [index("token_uses_token_id_idx").on(t.tokenId, t.id)],
);
