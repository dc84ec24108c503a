import type { Subscription } from "../db/schema";

/** The schedule as the API shows it: only the fields its frequency uses (SPEC §10). */
function scheduleOf(s: Subscription) {
  if (s.frequency === "manual") return { frequency: "manual" as const };
  const repeating = s.frequency !== "once";
  return {
    frequency: s.frequency,
    ...(s.frequency === "once" ? { date: s.onceDate } : {}),
    ...(s.frequency === "hourly" || s.frequency === "daily" ? { every: s.every } : {}),
    time: s.time,
    timeZone: s.timeZone,
    ...(s.frequency === "weekly" ? { daysOfWeek: s.daysOfWeek } : {}),
    ...(s.frequency === "monthly" ? monthlyOf(s) : {}),
    ...(repeating && s.startDate ? { startDate: s.startDate } : {}),
    ...(repeating && s.endDate ? { endDate: s.endDate } : {}),
    ...(s.holidayCalendarId ? { holidayCalendarId: s.holidayCalendarId } : {}),
  };
}

function monthlyOf(s: Subscription) {
  if (s.monthlyOn === "last-day") return { monthlyOn: s.monthlyOn };
  if (s.monthlyOn === "weekday") return { monthlyOn: s.monthlyOn, weekOfMonth: s.weekOfMonth, dayOfWeek: s.dayOfWeek };
  return { monthlyOn: s.monthlyOn, dayOfMonth: s.dayOfMonth };
}

/** A subscription as the API lists it (SPEC §4). */
export function presentSubscription(s: Subscription & { lastRunAt: Date | null }) {
  return {
    id: s.id,
    name: s.name,
    reportId: s.reportId,
    format: s.format,
    schedule: scheduleOf(s),
    status: s.status,
    lastRunAt: s.lastRunAt?.toISOString() ?? null,
  };
}
