import { CronExpressionParser } from "cron-parser";
import { daysBetween, endOfLocalDay, localInstant, localParts, startOfLocalDay } from "./local-time";
import { isValidTimeZone, timeSchema } from "./schema";
import type { SubscriptionSchedule } from "./subscription-schedule";

/**
 * How a subscription's schedule runs: a BullMQ job scheduler (cron pattern read in `tz`, bounded by the start and end
 * dates), or, for Once, one delayed job. Cron cannot say every few days, day 31 in shorter months, the last day or an
 * ordinal weekday, so those patterns fire on every candidate day and `decideFire` (run by the worker and the preview
 * alike) keeps only the days the schedule names.
 */
export type SchedulePlan =
  { type: "repeat"; pattern: string; tz: string; startDate?: Date; endDate?: Date } | { type: "once"; at: Date };

// The epoch anchors "every N days" when no start date is given, so the days do not shift on each save.
const EVERY_DAYS_ANCHOR = "1970-01-01";
// A preview gives up after this many candidates (a sparse schedule, or most days holidays).
const MAX_CANDIDATES = 2_000;

/** The plan of a stored schedule, or null for manual-only. Throws on a schedule no form could have saved. */
export function schedulePlan(s: SubscriptionSchedule): SchedulePlan | null {
  if (!isValidTimeZone(s.timeZone)) throw new Error(`unknown time zone ${s.timeZone}`);
  const [hour, minute] = timeSchema.parse(s.time).split(":").map(Number) as [number, number];
  if (s.frequency === "manual") return null;
  if (s.frequency === "once") {
    if (!s.onceDate) throw new Error("a once schedule without a date");
    return { type: "once", at: localInstant(s.onceDate, s.time, s.timeZone) };
  }
  if (s.every < 1) throw new Error("every must be at least 1");
  const bounds = {
    // BullMQ looks strictly after its startDate: a millisecond before midnight keeps a 00:00 run on the first day.
    ...(s.startDate ? { startDate: new Date(startOfLocalDay(s.startDate, s.timeZone).getTime() - 1) } : {}),
    ...(s.endDate ? { endDate: endOfLocalDay(s.endDate, s.timeZone) } : {}),
  };
  return { type: "repeat", pattern: cronPattern(s, hour, minute), tz: s.timeZone, ...bounds };
}

function cronPattern(s: SubscriptionSchedule, hour: number, minute: number): string {
  switch (s.frequency) {
    case "hourly":
      return `${minute} ${hour % s.every}/${s.every} * * *`;
    case "daily":
      return `${minute} ${hour} * * *`;
    case "weekly":
      if (s.daysOfWeek.length === 0) throw new Error("a weekly schedule without days");
      return `${minute} ${hour} * * ${[...s.daysOfWeek].sort().join(",")}`;
    default:
      if (s.monthlyOn === "weekday") return `${minute} ${hour} * * ${s.dayOfWeek}`;
      if (s.monthlyOn === "day" && s.dayOfMonth <= 28) return `${minute} ${hour} ${s.dayOfMonth} * *`;
      return `${minute} ${hour} 28-31 * *`;
  }
}

export type SkipReason = "holiday" | "not-scheduled" | "outside-dates";
export type FireDecision = { run: true } | { run: false; reason: SkipReason };

/**
 * Whether a fire at `at` (the time the scheduler meant, not when a worker got to it) starts a run: the day is one the
 * schedule names, within its start and end dates, and not a holiday of its calendar in the schedule's zone.
 */
export function decideFire(s: SubscriptionSchedule, at: Date, holidays: ReadonlySet<string>): FireDecision {
  const plan = schedulePlan(s);
  if (!plan) return { run: false, reason: "not-scheduled" };
  const local = localParts(at, s.timeZone);
  if (plan.type === "once") {
    if (at.getTime() !== plan.at.getTime()) return { run: false, reason: "not-scheduled" };
  } else {
    if ((plan.startDate && at < plan.startDate) || (plan.endDate && at > plan.endDate))
      return { run: false, reason: "outside-dates" };
    if (!namesDay(s, local)) return { run: false, reason: "not-scheduled" };
  }
  if (holidays.has(local.date)) return { run: false, reason: "holiday" };
  return { run: true };
}

function namesDay(s: SubscriptionSchedule, local: ReturnType<typeof localParts>): boolean {
  if (s.frequency === "daily" && s.every > 1)
    return daysBetween(s.startDate ?? EVERY_DAYS_ANCHOR, local.date) % s.every === 0;
  if (s.frequency !== "monthly") return true;
  switch (s.monthlyOn) {
    case "day":
      // Day 31 (or 29, 30) runs on the last day of shorter months.
      return local.day === Math.min(s.dayOfMonth, local.daysInMonth);
    case "last-day":
      return local.day === local.daysInMonth;
    case "weekday":
      return s.weekOfMonth >= 5 ? local.day + 7 > local.daysInMonth : Math.ceil(local.day / 7) === s.weekOfMonth;
  }
}

export type UpcomingRun = { at: Date; skipped?: "holiday" };

/**
 * The next `count` runs strictly after `from`, with the holidays skipped on the way (listed, marked), exactly as the
 * worker decides them. Empty for manual-only, a Once in the past, or a schedule past its end date.
 */
export function upcomingRuns(
  s: SubscriptionSchedule,
  from: Date,
  count: number,
  holidays: ReadonlySet<string> = new Set(),
): UpcomingRun[] {
  const plan = schedulePlan(s);
  if (!plan) return [];
  if (plan.type === "once") {
    if (plan.at <= from) return [];
    return [decideFire(s, plan.at, holidays).run ? { at: plan.at } : { at: plan.at, skipped: "holiday" }];
  }
  // As BullMQ's repeat strategy reads the pattern: from the start date when that is later.
  const start = plan.startDate && plan.startDate > from ? plan.startDate : from;
  const cron = CronExpressionParser.parse(plan.pattern, { currentDate: start, tz: plan.tz });
  const out: UpcomingRun[] = [];
  let runs = 0;
  for (let i = 0; i < MAX_CANDIDATES && runs < count; i++) {
    const at = cron.next().toDate();
    if (plan.endDate && at > plan.endDate) break;
    const decision = decideFire(s, at, holidays);
    if (decision.run) {
      out.push({ at });
      runs++;
    } else if (decision.reason === "holiday") out.push({ at, skipped: "holiday" });
  }
  return out;
}

/** SPEC §10: past its end date (or, for Once, past its time) a subscription is Completed and does not run. */
export function isCompleted(s: SubscriptionSchedule, now: Date = new Date()): boolean {
  try {
    const plan = schedulePlan(s);
    if (!plan) return false;
    if (plan.type === "once") return plan.at <= now;
    return plan.endDate !== undefined && plan.endDate < now;
  } catch {
    return false;
  }
}
