import { pgTable, uuid, text, timestamp, integer, pgEnum, index, boolean, check } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { reports } from "./reports";
import { scheduleFrequency } from "./schedules";

export const reportFormat = pgEnum("report_format", ["pdf", "xlsx", "csv"]);
// SPEC §10: a fixed list, a list of `email, value` lines with a filter column, or a warehouse query.
export const recipientsMode = pgEnum("recipients_mode", ["list", "filter", "query"]);
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
    recipientsMode: recipientsMode("recipients_mode").notNull().default("list"),
    // Mode "filter": the value of each address in `recipients`, at the same position.
    recipientFilterValues: text("recipient_filter_values").array(),
    // The report column compared with each recipient's value (modes "filter" and "query" with a filter_value).
    filterColumn: text("filter_column"),
    // Mode "query": returns `email` and optionally `filter_value`; evaluated at each run.
    recipientsQuery: text("recipients_query"),
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
    check(
      "subscriptions_recipient_filter_values_check",
      sql`${t.recipientFilterValues} is null or cardinality(${t.recipientFilterValues}) = cardinality(${t.recipients})`,
    ),
  ],
);

export type Subscription = typeof subscriptions.$inferSelect;
