import type { SemanticModel } from "@/lib/db/schema";

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/**
 * "Weekly on Monday at 08:00 (Europe/Berlin)", or "Manual only". A missing day is the schedule's default (Monday,
 * the 1st), as the worker reads it.
 */
export function scheduleText(s: {
  frequency: string;
  time: string;
  timeZone: string;
  dayOfWeek?: number;
  dayOfMonth?: number;
}): string {
  const at = `at ${s.time} (${s.timeZone})`;
  switch (s.frequency) {
    case "daily":
      return `Daily ${at}`;
    case "weekly":
      return `Weekly on ${WEEKDAYS[s.dayOfWeek ?? 1]} ${at}`;
    case "monthly":
      return `Monthly on day ${s.dayOfMonth ?? 1} ${at}`;
    default:
      return "Manual only";
  }
}

/** A semantic model's refresh schedule in the same words; models have no day columns. */
export function refreshScheduleText(m: Pick<SemanticModel, "refreshFrequency" | "refreshTime" | "refreshTimeZone">) {
  return scheduleText({ frequency: m.refreshFrequency, time: m.refreshTime, timeZone: m.refreshTimeZone });
}
