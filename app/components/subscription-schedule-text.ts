import { isCompleted } from "@/lib/schedules/plan";
import type { SubscriptionSchedule } from "@/lib/schedules/subscription-schedule";

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const ORDINALS = ["first", "second", "third", "fourth", "last"];
// Monday first, as the form lists them.
const weekOrder = (day: number) => (day + 6) % 7;

/**
 * A subscription's schedule in words: "Weekly on Monday, Friday at 07:30 (Europe/Berlin), until 2026-12-31, skipping
 * holidays (Germany)", or "Manual only".
 */
export function subscriptionScheduleText(s: SubscriptionSchedule, calendarName?: string | null): string {
  const at = `at ${s.time} (${s.timeZone})`;
  let text: string;
  switch (s.frequency) {
    case "manual":
      return "Manual only";
    case "once":
      text = `Once on ${s.onceDate} ${at}`;
      break;
    case "hourly":
      text = s.every === 1 ? `Hourly ${at}` : `Every ${s.every} hours ${at}`;
      break;
    case "daily":
      text = s.every === 1 ? `Daily ${at}` : `Every ${s.every} days ${at}`;
      break;
    case "weekly":
      text = `Weekly on ${[...s.daysOfWeek]
        .sort((a, b) => weekOrder(a) - weekOrder(b))
        .map((d) => WEEKDAYS[d])
        .join(", ")} ${at}`;
      break;
    case "monthly":
      text =
        s.monthlyOn === "last-day"
          ? `Monthly on the last day ${at}`
          : s.monthlyOn === "weekday"
            ? `Monthly on the ${ORDINALS[s.weekOfMonth - 1]} ${WEEKDAYS[s.dayOfWeek]} ${at}`
            : `Monthly on day ${s.dayOfMonth} ${at}`;
      break;
  }
  if (s.startDate) text += `, from ${s.startDate}`;
  if (s.endDate) text += `, until ${s.endDate}`;
  if (calendarName) text += `, skipping holidays (${calendarName})`;
  return text;
}

/** Active, Paused, or Completed: an active subscription whose schedule has ended (SPEC §10). */
export function subscriptionStatusText(s: SubscriptionSchedule & { status: "active" | "paused" }, now = new Date()) {
  if (s.status === "paused") return "Paused";
  return isCompleted(s, now) ? "Completed" : "Active";
}
