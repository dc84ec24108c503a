import type { Subscription } from "../db/schema";

function scheduleOf(s: Pick<Subscription, "frequency" | "time" | "timeZone" | "dayOfWeek" | "dayOfMonth">) {
  if (s.frequency === "manual") return { frequency: "manual" as const };
  return {
    frequency: s.frequency,
    time: s.time,
    timeZone: s.timeZone,
    ...(s.frequency === "weekly" ? { dayOfWeek: s.dayOfWeek } : {}),
    ...(s.frequency === "monthly" ? { dayOfMonth: s.dayOfMonth } : {}),
  };
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
