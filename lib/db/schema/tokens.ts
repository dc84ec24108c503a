import { pgTable, uuid, text, timestamp, index, uniqueIndex } from "drizzle-orm/pg-core";
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
  },
  (t) => [
    uniqueIndex("api_tokens_digest_idx").on(t.digest),
    index("api_tokens_created_at_idx").on(t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
  ],
);

export type ApiToken = typeof apiTokens.$inferSelect;
