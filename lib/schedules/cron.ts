import { CronExpressionParser } from "cron-parser";
import { z } from "zod";

export const FREQUENCIES = ["manual", "daily", "weekly", "monthly"] as const;
export type Frequency = (typeof FREQUENCIES)[number];

// Days 29–31 are missing from some months; the schema keeps monthly schedules on days every month has.
export const LAST_SCHEDULABLE_DAY = 28;

/** True when Intl knows the IANA zone name (e.g. "Europe/Berlin", "UTC"). */
export function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** A schedule as forms and tables hold it; one schema for the web app's forms and the worker. */
export const scheduleSchema = z.object({
  frequency: z.enum(FREQUENCIES),
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Use HH:MM, 24-hour"),
  timeZone: z.string().refine(isValidTimeZone, "Unknown time zone"),
  dayOfWeek: z.coerce.number().int().min(0).max(6).default(1),
  dayOfMonth: z.coerce.number().int().min(1).max(LAST_SCHEDULABLE_DAY).default(1),
});
export type Schedule = z.infer<typeof scheduleSchema>;
export type ScheduleInput = z.input<typeof scheduleSchema>;

/** The 5-field cron pattern of a schedule (read in its time zone), or null for manual-only. Throws on a bad schedule. */
export function cronFor(input: ScheduleInput): string | null {
  const schedule = scheduleSchema.parse(input);
  const [hour, minute] = schedule.time.split(":").map(Number);
  switch (schedule.frequency) {
    case "manual":
      return null;
    case "daily":
      return `${minute} ${hour} * * *`;
    case "weekly":
      return `${minute} ${hour} * * ${schedule.dayOfWeek}`;
    case "monthly":
      return `${minute} ${hour} ${schedule.dayOfMonth} * *`;
  }
}

/** When the schedule fires next, strictly after `from`; null for manual-only. Same rules BullMQ applies (cron-parser). */
export function nextRunAt(input: ScheduleInput, from: Date = new Date()): Date | null {
  const pattern = cronFor(input);
  if (!pattern) return null;
  return CronExpressionParser.parse(pattern, { currentDate: from, tz: input.timeZone }).next().toDate();
}
