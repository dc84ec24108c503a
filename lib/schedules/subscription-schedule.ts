import { z } from "zod";
import { asArray } from "../forms/zod-helpers";
import { localInstant } from "./local-time";
import { isValidTimeZone, timeSchema, timeZoneSchema } from "./schema";

// SPEC §10: the schedule choices of a subscription (semantic models keep the simpler lib/schedules/schema.ts).
export const SUBSCRIPTION_FREQUENCIES = ["manual", "once", "hourly", "daily", "weekly", "monthly"] as const;
export type SubscriptionFrequency = (typeof SUBSCRIPTION_FREQUENCIES)[number];
export const SUBSCRIPTION_FREQUENCY_LABELS: Record<SubscriptionFrequency, string> = {
  manual: "Manual only",
  once: "Once",
  hourly: "Hourly",
  daily: "Daily",
  weekly: "Weekly",
  monthly: "Monthly",
};

export const MONTHLY_ON = ["day", "last-day", "weekday"] as const;
export type MonthlyOn = (typeof MONTHLY_ON)[number];

// Every N hours / days: up to a day of hours, up to a year of days.
export const MAX_EVERY_HOURS = 23;
export const MAX_EVERY_DAYS = 365;
export const LAST_WEEK_OF_MONTH = 5; // "last Monday": the 5th entry of first … fourth, last

/** A subscription's schedule as its columns hold it (0 = Sunday … 6 = Saturday; dates are local to the zone). */
export type SubscriptionSchedule = {
  frequency: SubscriptionFrequency;
  every: number;
  daysOfWeek: number[];
  monthlyOn: MonthlyOn;
  dayOfMonth: number;
  weekOfMonth: number;
  dayOfWeek: number;
  onceDate: string | null;
  time: string;
  timeZone: string;
  startDate: string | null;
  endDate: string | null;
};

const dateSchema = z.iso.date("Use a date (YYYY-MM-DD)");
const optionalDate = z.preprocess((v) => (v === "" ? undefined : v), dateSchema.optional());

/**
 * The "Day of month" choice of a monthly schedule: "1" … "31", "last", or "<week>-<weekday>" for an ordinal weekday
 * ("1-1" is the first Monday, "5-5" the last Friday).
 */
export const monthDaySchema = z.string().regex(/^(?:[1-9]|[12]\d|3[01]|last|[1-5]-[0-6])$/, "Pick a day of the month");

type MonthDay = Pick<SubscriptionSchedule, "monthlyOn" | "dayOfMonth" | "weekOfMonth" | "dayOfWeek">;

/** The columns of a valid "Day of month" value; the ones it does not use keep their defaults. */
export function parseMonthDay(value: string): MonthDay {
  const defaults = { dayOfMonth: 1, weekOfMonth: 1, dayOfWeek: 1 };
  if (value === "last") return { ...defaults, monthlyOn: "last-day" };
  const weekday = /^([1-5])-([0-6])$/.exec(value);
  if (weekday)
    return { ...defaults, monthlyOn: "weekday", weekOfMonth: Number(weekday[1]), dayOfWeek: Number(weekday[2]) };
  return { ...defaults, monthlyOn: "day", dayOfMonth: Number(value) };
}

/** The form fields of a subscription's schedule, flat as the form posts them. */
export const scheduleFormFields = {
  frequency: z.enum(SUBSCRIPTION_FREQUENCIES, "Pick a schedule"),
  every: z.coerce.number("Enter a number").int("Enter a whole number").default(1),
  daysOfWeek: z.preprocess(asArray, z.array(z.coerce.number().int().min(0).max(6))),
  monthDay: monthDaySchema.default("1"),
  onceDate: optionalDate,
  time: timeSchema.default("08:00"),
  timeZone: timeZoneSchema.default("UTC"),
  startDate: optionalDate,
  endDate: optionalDate,
  holidayCalendarId: z.preprocess((v) => (v === "" ? undefined : v), z.uuid().optional()),
};
export type ScheduleFormInput = z.infer<z.ZodObject<typeof scheduleFormFields>>;

/**
 * The rules across schedule fields, each reported on its own field (SPEC §10): used as a superRefine of the whole
 * subscription form, so nothing is saved while one fails.
 */
export function refineSchedule(input: ScheduleFormInput, ctx: z.RefinementCtx, now: Date = new Date()): void {
  const issue = (path: keyof ScheduleFormInput, message: string) =>
    ctx.addIssue({ code: "custom", path: [path], message });
  if (input.frequency === "hourly" && (input.every < 1 || input.every > MAX_EVERY_HOURS))
    issue("every", `Every 1 to ${MAX_EVERY_HOURS} hours`);
  if (input.frequency === "daily" && (input.every < 1 || input.every > MAX_EVERY_DAYS))
    issue("every", `Every 1 to ${MAX_EVERY_DAYS} days`);
  if (input.frequency === "weekly" && input.daysOfWeek.length === 0) issue("daysOfWeek", "Pick at least one day");
  if (input.frequency === "once") {
    if (!input.onceDate) issue("onceDate", "Required");
    else if (isValidTimeZone(input.timeZone)) {
      const at = localInstant(input.onceDate, input.time, input.timeZone);
      if (at.getTime() <= now.getTime()) issue("onceDate", "This date and time have passed");
    }
  }
  if (input.frequency !== "manual" && input.frequency !== "once" && input.startDate && input.endDate) {
    if (input.endDate < input.startDate) issue("endDate", "The end date is before the start date");
  }
}

/** The columns a valid form's schedule is stored in; fields the chosen frequency does not use keep their defaults. */
export function scheduleColumns(input: ScheduleFormInput): SubscriptionSchedule & { holidayCalendarId: string | null } {
  const repeating = input.frequency !== "manual" && input.frequency !== "once";
  return {
    frequency: input.frequency,
    every: input.frequency === "hourly" || input.frequency === "daily" ? input.every : 1,
    daysOfWeek: input.frequency === "weekly" ? [...new Set(input.daysOfWeek)].sort() : [1],
    ...parseMonthDay(input.frequency === "monthly" ? input.monthDay : "1"),
    onceDate: input.frequency === "once" ? (input.onceDate ?? null) : null,
    time: input.time,
    timeZone: input.timeZone,
    startDate: repeating ? (input.startDate ?? null) : null,
    endDate: repeating ? (input.endDate ?? null) : null,
    holidayCalendarId: input.frequency === "manual" ? null : (input.holidayCalendarId ?? null),
  };
}

/** The form's "Day of month" value of stored columns (the inverse of parseMonthDay). */
export function monthDayValue(s: MonthDay): string {
  if (s.monthlyOn === "last-day") return "last";
  if (s.monthlyOn === "weekday") return `${s.weekOfMonth}-${s.dayOfWeek}`;
  return String(s.dayOfMonth);
}

/** The schedule part of the subscription form, as strings the way its inputs hold them. */
export type ScheduleFormValues = {
  frequency: string;
  every: string;
  daysOfWeek: string[];
  monthDay: string;
  onceDate: string;
  time: string;
  timeZone: string;
  startDate: string;
  endDate: string;
  holidayCalendarId: string;
};

/** What the form shows for a stored schedule, or for a new subscription (Manual only; Monday; 08:00 UTC). */
export function scheduleFormValues(
  s?: SubscriptionSchedule & { holidayCalendarId: string | null },
): ScheduleFormValues {
  return {
    frequency: s?.frequency ?? "manual",
    every: String(s?.every ?? 1),
    daysOfWeek: (s?.daysOfWeek ?? [1]).map(String),
    monthDay: s ? monthDayValue(s) : "1",
    onceDate: s?.onceDate ?? "",
    time: s?.time ?? "08:00",
    timeZone: s?.timeZone ?? "UTC",
    startDate: s?.startDate ?? "",
    endDate: s?.endDate ?? "",
    holidayCalendarId: s?.holidayCalendarId ?? "",
  };
}
