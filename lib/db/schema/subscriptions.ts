import { pgTable, uuid, text, timestamp, integer, pgEnum, index } from "drizzle-orm/pg-core";
import { reports } from "./reports";
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
  (t) => [
    index("subscriptions_report_idx").on(t.reportId),
    // The console and the API list subscriptions newest first, keyset-paged on (created_at, id).
    index("subscriptions_created_at_idx").on(t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
  ],
);

export type Subscription = typeof subscriptions.$inferSelect;
