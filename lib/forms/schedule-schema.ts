import { z } from "zod";

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
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
  .refine(isTimeZone, "Not a known time zone (e.g. Europe/Berlin)");

/** The schedule part of the subscription and semantic model forms. */
export const scheduleFields = {
  time: timeSchema.default("08:00"),
  timeZone: timeZoneSchema.default("UTC"),
  dayOfWeek: z.coerce.number().int().min(0).max(6).default(1),
  dayOfMonth: z.coerce.number().int().min(1).max(28).default(1),
};

export const TIME_ZONE_SUGGESTIONS =
  typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : ["UTC"];
