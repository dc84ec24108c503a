import { bigint, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { runs } from "./runs";

/**
 * A rendered report too large to attach (SPEC §7): its bytes are a Postgres large object, so any web instance can
 * serve the download link; the row and the object are removed once the link has expired.
 */
export const reportFiles = pgTable(
  "report_files",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    runId: uuid("run_id").references(() => runs.id, { onDelete: "set null" }),
    // The large object's oid (an unsigned 32-bit number).
    objectId: bigint("object_id", { mode: "number" }).notNull(),
    filename: text("filename").notNull(),
    contentType: text("content_type").notNull(),
    bytes: bigint("bytes", { mode: "number" }).notNull(),
    downloads: integer("downloads").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("report_files_expires_at_idx").on(t.expiresAt)],
);

export type ReportFile = typeof reportFiles.$inferSelect;
