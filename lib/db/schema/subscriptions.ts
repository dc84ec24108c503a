import { pgTable, uuid, text, timestamp, integer, pgEnum, index, boolean, check, date } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { holidayCalendars } from "./holidays";
import { reports } from "./reports";
import { users } from "./users";

export const reportFormat = pgEnum("report_format", ["pdf", "xlsx", "csv"]);
// SPEC §10: a fixed list, a list of `email, value` lines with a filter column, or a warehouse query.
export const recipientsMode = pgEnum("recipients_mode", ["list", "filter", "query"]);
// SPEC §10; semantic models keep schedule_frequency (manual / daily / weekly / monthly).
export const subscriptionFrequency = pgEnum("subscription_frequency", [
  "manual",
  "once",
  "hourly",
  "daily",
  "weekly",
  "monthly",
]);
export const monthlyOn = pgEnum("monthly_on", ["day", "last-day", "weekday"]);
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
    onlyWhenChanged: boolean("only_when_changed").notNull().default(false),
    notifyOnFailure: boolean("notify_on_failure").notNull().default(false),
    // Digest of the rows of the last run that e-mailed the report (Only send when the report changed).
    lastDeliveredDigest: text("last_delivered_digest"),
    // Who made it, for failure notices; null for subscriptions made before this was recorded, or by a removed user.
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    // The schedule (lib/schedules/subscription-schedule.ts): columns a frequency does not use keep their defaults.
    frequency: subscriptionFrequency("frequency").notNull().default("manual"),
    // Every N hours (hourly) or days (daily).
    every: integer("every").notNull().default(1),
    // 0 = Sunday … 6 = Saturday, for weekly schedules.
    daysOfWeek: integer("days_of_week").array().notNull().default([1]),
    monthlyOn: monthlyOn("monthly_on").notNull().default("day"),
    // 1–31; a day a month lacks runs on its last day.
    dayOfMonth: integer("day_of_month").notNull().default(1),
    // A monthly ordinal weekday: week 1–4 or 5 (last), weekday 0 = Sunday … 6 = Saturday.
    weekOfMonth: integer("week_of_month").notNull().default(1),
    dayOfWeek: integer("day_of_week").notNull().default(1),
    // The local date of a Once schedule.
    onceDate: date("once_date", { mode: "string" }),
    time: text("time").notNull().default("08:00"),
    timeZone: text("time_zone").notNull().default("UTC"),
    // Local dates, inclusive, for repeating schedules.
    startDate: date("start_date", { mode: "string" }),
    endDate: date("end_date", { mode: "string" }),
    holidayCalendarId: uuid("holiday_calendar_id").references(() => holidayCalendars.id),
    status: subscriptionStatus("status").notNull().default("active"),
    // Millisecond precision: API page cursors carry it as a JS Date.
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("subscriptions_report_idx").on(t.reportId),
    // The console and the API list subscriptions newest first, keyset-paged on (created_at, id).
    index("subscriptions_created_at_idx").on(t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    check(
      "subscriptions_recipient_filter_values_check",
      sql`${t.recipientFilterValues} is null or cardinality(${t.recipientFilterValues}) = cardinality(${t.recipients})`,
    ),
  ],
);

export type Subscription = typeof subscriptions.$inferSelect;
