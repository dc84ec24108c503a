import { DateTime } from "luxon";

// Wall-clock dates and times in a named zone (luxon, the library cron-parser reads zones with).

/** The instant of a local date and HH:MM in the zone; a time skipped by a DST switch moves forward, as cron's does. */
export function localInstant(date: string, time: string, timeZone: string): Date {
  return DateTime.fromISO(`${date}T${time}`, { zone: timeZone }).toJSDate();
}

/** The first instant of a local date in the zone. */
export function startOfLocalDay(date: string, timeZone: string): Date {
  return DateTime.fromISO(date, { zone: timeZone }).startOf("day").toJSDate();
}

/** The last millisecond of a local date in the zone (an end date is inclusive). */
export function endOfLocalDay(date: string, timeZone: string): Date {
  return DateTime.fromISO(date, { zone: timeZone }).endOf("day").toJSDate();
}

/** The wall-clock parts of an instant in the zone: date (YYYY-MM-DD), day of month, weekday (0 = Sunday), month length. */
export function localParts(instant: Date, timeZone: string) {
  const local = DateTime.fromJSDate(instant, { zone: timeZone });
  return {
    date: local.toISODate() ?? "",
    day: local.day,
    weekday: local.weekday % 7,
    daysInMonth: local.daysInMonth ?? 31,
  };
}

/** Whole days from one local date to another (both YYYY-MM-DD), whatever the DST switches between them. */
export function daysBetween(from: string, to: string): number {
  return Math.round(DateTime.fromISO(to, { zone: "UTC" }).diff(DateTime.fromISO(from, { zone: "UTC" }), "days").days);
}
