import { pgTable, uuid, text, timestamp, date, uniqueIndex } from "drizzle-orm/pg-core";

/** A named list of dates admins keep (SPEC §10 Skip holidays); a schedule skips fires that fall on one of them. */
export const holidayCalendars = pgTable(
  "holiday_calendars",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    // Local dates, read in each schedule's own time zone.
    dates: date("dates", { mode: "string" }).array().notNull().default([]),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("holiday_calendars_name_idx").on(t.name)],
);

export type HolidayCalendar = typeof holidayCalendars.$inferSelect;
