import { pgTable, uuid, text, timestamp, integer, pgEnum, index, boolean } from "drizzle-orm/pg-core";
import { reports } from "./reports";
import { users } from "./users";
import { scheduleFrequency } from "./schedules";

export const reportFormat = pgEnum("report_format", ["pdf", "xlsx", "csv"]);
export const subscriptionStatus = pgEnum("subscription_status", ["active", "paused"]);

export const subscriptions = pgTable(
  "subscriptions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    reportId: uuid("report_id")
      .notNull()
      .references(() => reports.id),
    format: reportFormat("format").notNull(),
    recipients: text("recipients").array().notNull(),
    subject: text("subject").notNull(),
    message: text("message").notNull().default(""),
    onlyWhenRows: boolean("only_when_rows").notNull().default(false),
    onlyWhenChanged: boolean("only_when_changed").notNull().default(false),
    notifyOnFailure: boolean("notify_on_failure").notNull().default(false),
    // Digest of the rows of the last run that e-mailed the report (Only send when the report changed).
    lastDeliveredDigest: text("last_delivered_digest"),
    // Who made it, for failure notices; null for subscriptions made before this was recorded, or by a removed user.
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    frequency: scheduleFrequency("frequency").notNull().default("manual"),
    time: text("time").notNull().default("08:00"),
    timeZone: text("time_zone").notNull().default("UTC"),
    // 0 = Sunday … 6 = Saturday, for weekly schedules.
    dayOfWeek: integer("day_of_week").notNull().default(1),
    // 1–28 so every month has the day, for monthly schedules.
    dayOfMonth: integer("day_of_month").notNull().default(1),
    status: subscriptionStatus("status").notNull().default("active"),
    // Millisecond precision: API page cursors carry it as a JS Date.
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("subscriptions_report_idx").on(t.reportId)],
);

export type Subscription = typeof subscriptions.$inferSelect;
