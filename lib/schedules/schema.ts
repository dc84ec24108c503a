import { z } from "zod";

export const FREQUENCIES = ["manual", "daily", "weekly", "monthly"] as const;
export type Frequency = (typeof FREQUENCIES)[number];

// Days 29–31 are missing from some months; monthly schedules stay on days every month has.
export const FIRST_SCHEDULABLE_DAY = 1;
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

export const timeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Use HH:MM, 24-hour");
export const timeZoneSchema = z
  .string()
  .trim()
  .min(1, "Required")
  .max(64)
  .refine(isValidTimeZone, "Not a known time zone (e.g. Europe/Berlin)");

/** The schedule fields of the subscription and semantic model forms; the worker reads them with the same rules. */
export const scheduleFields = {
  time: timeSchema.default("08:00"),
  timeZone: timeZoneSchema.default("UTC"),
  dayOfWeek: z.coerce.number().int().min(0).max(6).default(1),
  dayOfMonth: z.coerce.number().int().min(FIRST_SCHEDULABLE_DAY).max(LAST_SCHEDULABLE_DAY).default(1),
};

/** A whole schedule as forms and tables hold it: one schema for the web app's forms and the worker. */
export const scheduleSchema = z.object({
  ...scheduleFields,
  frequency: z.enum(FREQUENCIES),
  // A stored schedule names its time and zone; only the forms offer defaults.
  time: timeSchema,
  timeZone: timeZoneSchema,
});
export type Schedule = z.infer<typeof scheduleSchema>;
export type ScheduleInput = z.input<typeof scheduleSchema>;

export const TIME_ZONE_SUGGESTIONS =
  typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : ["UTC"];
