import { CronExpressionParser } from "cron-parser";
import { scheduleSchema, type ScheduleInput } from "./schema";

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
